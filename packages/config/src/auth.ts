/**
 * The access-token settings every deployable that checks tokens reads (node, presence service),
 * so a rotation or an issuer is configured once for the fleet (docs/security.md).
 */
import { z } from 'zod'

const secret = z.string().min(16, 'must be at least 16 characters')

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** `24h`, `90m`, `3600s`, `1d` or a number of seconds. */
export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim())
      const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] as number) : 0
      if (seconds > 0) return seconds
      context.addIssue({ code: 'custom', message: 'must be a duration like 24h, 90m or 3600s' })
      return z.NEVER
    })

export const authShape = {
  AUTH_SECRET: secret.optional(),
  /** The key being rotated out: tokens signed with it stay valid until it is removed. */
  AUTH_SECRET_PREVIOUS: secret.optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Longest token lifetime accepted (exp − iat). */
  TOKEN_MAX_LIFETIME: duration('24h'),
}

export interface AuthSettings {
  /** Absent: open dev mode (refused in production). */
  authSecret?: string
  authSecretPrevious?: string
  authIssuer?: string
  authAudience?: string
  tokenMaxLifetimeSeconds: number
}

type ParsedAuth = {
  AUTH_SECRET?: string | undefined
  AUTH_SECRET_PREVIOUS?: string | undefined
  AUTH_ISSUER?: string | undefined
  AUTH_AUDIENCE?: string | undefined
  TOKEN_MAX_LIFETIME: number
}

export function readAuth(parsed: ParsedAuth): AuthSettings {
  return {
    ...(parsed.AUTH_SECRET ? { authSecret: parsed.AUTH_SECRET } : {}),
    ...(parsed.AUTH_SECRET_PREVIOUS ? { authSecretPrevious: parsed.AUTH_SECRET_PREVIOUS } : {}),
    ...(parsed.AUTH_ISSUER ? { authIssuer: parsed.AUTH_ISSUER } : {}),
    ...(parsed.AUTH_AUDIENCE ? { authAudience: parsed.AUTH_AUDIENCE } : {}),
    tokenMaxLifetimeSeconds: parsed.TOKEN_MAX_LIFETIME,
  }
}

/** NODE_ENV names production in any case (`Production`, `PRODUCTION`): open dev mode is refused there. */
export function isProduction(nodeEnv: string | undefined): boolean {
  return nodeEnv?.trim().toLowerCase() === 'production'
}

/**
 * Where to listen when HOST is unset: open dev mode (no AUTH_SECRET) gives write access to every
 * document to whoever reaches the port, so it stays on loopback unless HOST says otherwise.
 */
export function listenHost(authSecret: string | undefined): string {
  return authSecret ? '0.0.0.0' : '127.0.0.1'
}

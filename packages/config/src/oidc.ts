/**
 * Optional OpenID Connect sign-in (docs/identity.md): a node with OIDC_ISSUER_URL sends browsers
 * to the provider (authorization code + PKCE) and mints the usual HS256 access token for the
 * user it names. All settings are checked here, with one-line errors that never repeat a secret.
 */
import { z } from 'zod'
import { ConfigError } from './ConfigError.ts'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** https, or http to a loopback host (a provider on the same machine, as in the tests). */
const providerUrl = (example: string) =>
  z.string().refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
    } catch {
      return false
    }
  }, `must be an https URL like ${example} (http only for 127.0.0.1 or localhost)`)

const docsClaim = z.string().transform((value, context) => {
  try {
    const parsed = JSON.parse(value) as unknown
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.keys(parsed).length > 0 &&
      Object.values(parsed).every((access) => access === 'read' || access === 'write')
    )
      return parsed as Record<string, 'read' | 'write'>
  } catch {
    // reported below
  }
  context.addIssue({
    code: 'custom',
    message: 'must be a JSON object of document patterns to "read" or "write", like {"*":"write"}',
  })
  return z.NEVER
})

export const oidcShape = {
  OIDC_ISSUER_URL: providerUrl('https://login.example.com').optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  /** Absent: a public client (PKCE alone authenticates the code exchange). */
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_REDIRECT_URL: providerUrl('https://weft.example.com/auth/callback')
    .refine((value) => URL.canParse(value) && new URL(value).pathname === '/auth/callback', {
      message: 'must end in /auth/callback, like https://weft.example.com/auth/callback',
    })
    .optional(),
  /** The ID-token claim that names the user (their display name until they choose one). */
  OIDC_NAME_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be a claim name like name or preferred_username')
    .default('name'),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'must be space-separated scopes like "openid profile"')
    .refine((value) => value.split(' ').includes('openid'), 'must include openid')
    .default('openid profile email'),
  /** The `docs` claim of tokens minted for signed-in users. */
  OIDC_DOCS: docsClaim.default({ '*': 'write' }),
}

export interface OidcSettings {
  issuerUrl: string
  clientId: string
  clientSecret?: string
  redirectUrl: string
  nameClaim: string
  scopes: string
  docs: Record<string, 'read' | 'write'>
}

type ParsedOidc = {
  OIDC_ISSUER_URL?: string | undefined
  OIDC_CLIENT_ID?: string | undefined
  OIDC_CLIENT_SECRET?: string | undefined
  OIDC_REDIRECT_URL?: string | undefined
  OIDC_NAME_CLAIM: string
  OIDC_SCOPES: string
  OIDC_DOCS: Record<string, 'read' | 'write'>
}

/** Undefined when OIDC is off (no OIDC_ISSUER_URL); a ConfigError when it is half configured. */
export function readOidc(
  parsed: ParsedOidc,
  authSecret: string | undefined,
): OidcSettings | undefined {
  const {
    OIDC_ISSUER_URL: issuerUrl,
    OIDC_CLIENT_ID: clientId,
    OIDC_REDIRECT_URL: redirectUrl,
  } = parsed
  if (!issuerUrl) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const) {
      if (parsed[name]) throw new ConfigError(`${name} is set but OIDC_ISSUER_URL is not`)
    }
    return undefined
  }
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set')
  if (!redirectUrl)
    throw new ConfigError('OIDC_REDIRECT_URL is required when OIDC_ISSUER_URL is set')
  if (!authSecret)
    throw new ConfigError(
      'AUTH_SECRET is required when OIDC_ISSUER_URL is set (sign-in mints tokens signed with it)',
    )
  return {
    issuerUrl,
    clientId,
    ...(parsed.OIDC_CLIENT_SECRET ? { clientSecret: parsed.OIDC_CLIENT_SECRET } : {}),
    redirectUrl,
    nameClaim: parsed.OIDC_NAME_CLAIM,
    scopes: parsed.OIDC_SCOPES,
    docs: parsed.OIDC_DOCS,
  }
}

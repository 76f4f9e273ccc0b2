import { hostname } from 'node:os'
import { ConfigError, fields, parseEnv } from '@weft/config'
import { z } from 'zod'

const schema = z.object({
  PORT: fields.port(8080),
  MANAGEMENT_PORT: fields.managementPort,
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: fields.redisUrl,
  DATABASE_URL: fields.databaseUrl.optional(),
  DATABASE_POOL_MAX: fields.databasePoolMax,
  DATA_DIR: z.string().default('./data'),
  AUTH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"')
    .optional(),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: fields.logLevel,
  /** How often each replica re-reads the fleet's presence (besides change notices). */
  PRESENCE_POLL_MS: fields.positiveInt(1_000),
  /** Upper bound on writing held session records after SIGTERM (the chart's flushSeconds). */
  SHUTDOWN_TIMEOUT_MS: fields.positiveInt(5_000),
})

export interface PresenceConfig {
  port: number
  /** Absent: /healthz, /readyz and /metrics are served on `port`. */
  managementPort?: number
  host: string
  redisUrl: string
  databaseUrl?: string
  databasePoolMax: number
  dataDir: string
  authSecret?: string
  nodeId: string
  logLevel: string
  pollMs: number
  shutdownTimeoutMs: number
}

/** The presence service reads the same variables as a node; REDIS_URL is required (it is the fleet's view). */
export function parsePresenceConfig(
  env: Record<string, string | undefined> = process.env,
): PresenceConfig {
  if (!env.REDIS_URL)
    throw new ConfigError(
      'REDIS_URL is required: the presence service aggregates the fleet through Redis',
    )
  const parsed = parseEnv(schema, env)
  if (parsed.MANAGEMENT_PORT !== undefined && parsed.MANAGEMENT_PORT === parsed.PORT) {
    throw new ConfigError(
      'MANAGEMENT_PORT must differ from PORT (unset it to serve probes on PORT)',
    )
  }
  if (parsed.NODE_ENV === 'production' && !parsed.AUTH_SECRET) {
    throw new ConfigError(
      'AUTH_SECRET is required when NODE_ENV=production (open dev mode is refused)',
    )
  }
  return {
    port: parsed.PORT,
    ...(parsed.MANAGEMENT_PORT !== undefined ? { managementPort: parsed.MANAGEMENT_PORT } : {}),
    host: parsed.HOST,
    redisUrl: parsed.REDIS_URL,
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    databasePoolMax: parsed.DATABASE_POOL_MAX,
    dataDir: parsed.DATA_DIR,
    ...(parsed.AUTH_SECRET ? { authSecret: parsed.AUTH_SECRET } : {}),
    nodeId: parsed.NODE_ID ?? hostname(),
    logLevel: parsed.LOG_LEVEL,
    pollMs: parsed.PRESENCE_POLL_MS,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  }
}

import { hostname } from 'node:os'
import {
  type AuthSettings,
  authShape,
  ConfigError,
  fields,
  isProduction,
  listenHost,
  parseEnv,
  type RedisConfig,
  readAuth,
  redisConfigFrom,
  redisEnv,
} from '@weft/config'
import { z } from 'zod'

const schema = z.object({
  PORT: fields.port(8080),
  /** Unset: every interface with AUTH_SECRET, loopback only without (open dev mode). */
  HOST: z.string().optional(),
  MANAGEMENT_PORT: fields.managementPort,
  ...redisEnv,
  DATABASE_URL: fields.databaseUrl.optional(),
  DATABASE_POOL_MAX: fields.databasePoolMax,
  DATA_DIR: z.string().default('./data'),
  ...authShape,
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

export interface PresenceConfig extends AuthSettings {
  port: number
  /** Absent: /healthz, /readyz and /metrics are served on `port`. */
  managementPort?: number
  host: string
  redis: RedisConfig
  databaseUrl?: string
  databasePoolMax: number
  dataDir: string
  nodeId: string
  logLevel: string
  pollMs: number
  shutdownTimeoutMs: number
}

/** The presence service reads the same variables as a node; Redis is required (it is the fleet's view). */
export function parsePresenceConfig(
  env: Record<string, string | undefined> = process.env,
): PresenceConfig {
  const parsed = parseEnv(schema, env)
  const redis = redisConfigFrom(parsed)
  if (!redis)
    throw new ConfigError(
      'REDIS_URL (or REDIS_SENTINELS, REDIS_CLUSTER_NODES) is required: the presence service aggregates the fleet through Redis',
    )
  if (parsed.MANAGEMENT_PORT !== undefined && parsed.MANAGEMENT_PORT === parsed.PORT) {
    throw new ConfigError(
      'MANAGEMENT_PORT must differ from PORT (unset it to serve probes on PORT)',
    )
  }
  if (isProduction(parsed.NODE_ENV) && !parsed.AUTH_SECRET) {
    throw new ConfigError(
      'AUTH_SECRET is required when NODE_ENV=production (open dev mode is refused)',
    )
  }
  return {
    port: parsed.PORT,
    ...(parsed.MANAGEMENT_PORT !== undefined ? { managementPort: parsed.MANAGEMENT_PORT } : {}),
    host: parsed.HOST ?? listenHost(parsed.AUTH_SECRET),
    redis,
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    databasePoolMax: parsed.DATABASE_POOL_MAX,
    dataDir: parsed.DATA_DIR,
    ...readAuth(parsed),
    nodeId: parsed.NODE_ID ?? hostname(),
    logLevel: parsed.LOG_LEVEL,
    pollMs: parsed.PRESENCE_POLL_MS,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  }
}

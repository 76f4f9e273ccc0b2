import { hostname } from 'node:os'
import {
  ConfigError,
  fields,
  parseEnv,
  type RedisConfig,
  redisConfigFrom,
  redisEnv,
} from '@weft/config'
import { z } from 'zod'

const schema = z.object({
  PORT: fields.port(8080),
  HOST: z.string().default('0.0.0.0'),
  ...redisEnv,
  DATABASE_URL: fields.databaseUrl.optional(),
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
})

export interface PresenceConfig {
  port: number
  host: string
  redis: RedisConfig
  databaseUrl?: string
  dataDir: string
  authSecret?: string
  nodeId: string
  logLevel: string
  pollMs: number
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
  if (parsed.NODE_ENV === 'production' && !parsed.AUTH_SECRET) {
    throw new ConfigError(
      'AUTH_SECRET is required when NODE_ENV=production (open dev mode is refused)',
    )
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    redis,
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    dataDir: parsed.DATA_DIR,
    ...(parsed.AUTH_SECRET ? { authSecret: parsed.AUTH_SECRET } : {}),
    nodeId: parsed.NODE_ID ?? hostname(),
    logLevel: parsed.LOG_LEVEL,
    pollMs: parsed.PRESENCE_POLL_MS,
  }
}

import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { z } from 'zod'
import { ConfigError } from './ConfigError.ts'
import {
  databasePoolMax,
  databaseUrl,
  logLevel,
  managementPort,
  port,
  positiveInt,
  redisUrl,
} from './fields.ts'
import { parseEnv } from './parseEnv.ts'

const schema = z.object({
  PORT: port(8080),
  MANAGEMENT_PORT: managementPort,
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: databaseUrl.optional(),
  DATABASE_POOL_MAX: databasePoolMax,
  REDIS_URL: redisUrl.optional(),
  AUTH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: logLevel,
  /** Largest WebSocket frame a client may send; larger ones close that socket (1009). */
  MAX_MESSAGE_BYTES: positiveInt(16 * 1024 * 1024),
  /** Update-log rows per document that trigger a compaction into a snapshot. */
  SNAPSHOT_EVERY_UPDATES: positiveInt(500),
  /** How long compacted log rows stay for history (activity panels), in hours. */
  LOG_RETENTION_HOURS: positiveInt(24 * 30),
  /** Upper bound on the flush and socket close work after SIGTERM. */
  SHUTDOWN_TIMEOUT_MS: positiveInt(25_000),
  /** The presence service nodes forward /api/presence to (same-origin for the apps). */
  PRESENCE_URL: z.url({ message: 'must be a URL like http://presence:8080' }).optional(),
  /** Tile-board placements one user may make per minute on one board (r/place-style pacing). */
  TILE_PLACEMENTS_PER_MINUTE: positiveInt(60),
  /** How often a node renews its presence in Redis. */
  PRESENCE_HEARTBEAT_MS: positiveInt(5_000),
  /** How long after its last heartbeat a node's users count as gone (the expiry bound). */
  PRESENCE_EXPIRY_MS: positiveInt(15_000),
})

export interface ServerConfig {
  port: number
  /** Absent: /healthz, /readyz and /metrics are served on `port` with everything else. */
  managementPort?: number
  host: string
  /** Absent: the embedded database under dataDir. */
  databaseUrl?: string
  databasePoolMax: number
  /** Absent: a single node with no fan-out. */
  redisUrl?: string
  /** Absent: open dev mode (refused in production). */
  authSecret?: string
  nodeId: string
  dataDir: string
  production: boolean
  logLevel: z.infer<typeof logLevel>
  maxMessageBytes: number
  snapshotEveryUpdates: number
  logRetentionHours: number
  shutdownTimeoutMs: number
  presenceUrl?: string
  tilePlacementsPerMinute: number
  presenceHeartbeatMs: number
  presenceExpiryMs: number
}

/** Reads the node's environment once, at the edge; throws ConfigError with one line on a bad value. */
export function parseServerConfig(
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  const parsed = parseEnv(schema, env)
  const production = parsed.NODE_ENV === 'production'
  if (parsed.PRESENCE_EXPIRY_MS <= parsed.PRESENCE_HEARTBEAT_MS) {
    throw new ConfigError('PRESENCE_EXPIRY_MS must be longer than PRESENCE_HEARTBEAT_MS')
  }
  if (parsed.MANAGEMENT_PORT !== undefined && parsed.MANAGEMENT_PORT === parsed.PORT) {
    throw new ConfigError(
      'MANAGEMENT_PORT must differ from PORT (unset it to serve probes on PORT)',
    )
  }
  if (production && !parsed.AUTH_SECRET) {
    throw new ConfigError(
      'AUTH_SECRET is required when NODE_ENV=production (open dev mode is refused)',
    )
  }
  return {
    port: parsed.PORT,
    ...(parsed.MANAGEMENT_PORT !== undefined ? { managementPort: parsed.MANAGEMENT_PORT } : {}),
    host: parsed.HOST,
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    databasePoolMax: parsed.DATABASE_POOL_MAX,
    ...(parsed.REDIS_URL ? { redisUrl: parsed.REDIS_URL } : {}),
    ...(parsed.AUTH_SECRET ? { authSecret: parsed.AUTH_SECRET } : {}),
    nodeId: parsed.NODE_ID ?? hostname(),
    dataDir: resolve(parsed.DATA_DIR),
    production,
    logLevel: parsed.LOG_LEVEL,
    maxMessageBytes: parsed.MAX_MESSAGE_BYTES,
    snapshotEveryUpdates: parsed.SNAPSHOT_EVERY_UPDATES,
    logRetentionHours: parsed.LOG_RETENTION_HOURS,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    ...(parsed.PRESENCE_URL ? { presenceUrl: parsed.PRESENCE_URL } : {}),
    tilePlacementsPerMinute: parsed.TILE_PLACEMENTS_PER_MINUTE,
    presenceHeartbeatMs: parsed.PRESENCE_HEARTBEAT_MS,
    presenceExpiryMs: parsed.PRESENCE_EXPIRY_MS,
  }
}

import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { z } from 'zod'
import { type AuthSettings, authShape, isProduction, listenHost, readAuth } from './auth.ts'
import { ConfigError } from './ConfigError.ts'
import {
  addressList,
  databasePoolMax,
  databaseUrl,
  logLevel,
  managementPort,
  originList,
  port,
  positiveInt,
} from './fields.ts'
import { type OidcSettings, oidcShape, readOidc } from './oidc.ts'
import { parseEnv } from './parseEnv.ts'
import { type RedisConfig, redisConfigFrom, redisEnv } from './redisConfig.ts'

const schema = z.object({
  PORT: port(8080),
  MANAGEMENT_PORT: managementPort,
  /** Unset: every interface with AUTH_SECRET, loopback only without (open dev mode). */
  HOST: z.string().optional(),
  DATABASE_URL: databaseUrl.optional(),
  DATABASE_POOL_MAX: databasePoolMax,
  ...redisEnv,
  ...authShape,
  ...oidcShape,
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
  /** After SIGTERM, how long /readyz answers 503 while the listener is still open, before new connections are refused. */
  SHUTDOWN_UNREADY_MS: positiveInt(2_000),
  /** Unsaved updates (queued for Postgres, mirrored in the Redis journal) at which new edits are refused. */
  UNSAVED_MAX_UPDATES: positiveInt(200_000),
  /** Bytes of unsaved updates at which new edits are refused. */
  UNSAVED_MAX_BYTES: positiveInt(128 * 1024 * 1024),
  /** The presence service nodes forward /api/presence to (same-origin for the apps). */
  PRESENCE_URL: z.url({ message: 'must be a URL like http://presence:8080' }).optional(),
  /** Tile-board placements one user may make per minute on one board (r/place-style pacing). */
  TILE_PLACEMENTS_PER_MINUTE: positiveInt(60),
  /** Largest CSV or XLSX file the Grid app imports; a larger one is refused whole, with a message. */
  GRID_IMPORT_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  /** Most cells one Grid first-screen answer holds (what a sheet paints before its full state). */
  GRID_FIRST_SCREEN_MAX_CELLS: positiveInt(5_000),
  /** A socket that has not authenticated a document by then is closed (4408). */
  AUTH_TIMEOUT_MS: positiveInt(10_000),
  /** Sockets one user may hold on one node; the next is refused with 4430 ("too many open tabs"). */
  MAX_CONNECTIONS_PER_USER: positiveInt(100),
  /** Documents one socket may have open at once (the Code app shares one socket per tab). */
  MAX_DOCUMENTS_PER_CONNECTION: positiveInt(1_000),
  /** Token bucket per socket: messages per second refilled, and the burst it may spend at once. */
  RATE_LIMIT_MESSAGES_PER_SECOND: positiveInt(500),
  RATE_LIMIT_MESSAGES_BURST: positiveInt(5_000),
  /** Token bucket per socket: bytes per second refilled, and the burst (a large paste). */
  RATE_LIMIT_BYTES_PER_SECOND: positiveInt(4 * 1024 * 1024),
  RATE_LIMIT_BYTES_BURST: positiveInt(64 * 1024 * 1024),
  /** A socket held back by its rate limit for this long without a break is closed (4429). */
  FLOOD_CLOSE_AFTER_MS: positiveInt(10_000),
  /** Failed authentications (bad or missing token) per source address per minute before a ban. */
  AUTH_FAILURES_PER_MINUTE: positiveInt(30),
  /** How long a banned source address is refused new connections (HTTP 429). */
  AUTH_BAN_MS: positiveInt(5 * 60_000),
  /** Proxies whose X-Forwarded-For names the client (addresses or CIDRs, comma-separated). */
  TRUSTED_PROXIES: addressList,
  /** Browser origins besides the node's own that may open sockets and send state-changing requests. */
  ALLOWED_ORIGINS: originList,
  /** CSP frame-ancestors of the apps' pages: who may embed them in a frame. */
  FRAME_ANCESTORS: z.string().default("'none'"),
  /** Largest request body the REST API reads (a Yjs update or a JSON body); larger ones get 413. */
  API_MAX_BODY_BYTES: positiveInt(16 * 1024 * 1024),
  /** REST API requests one user (or, without a token, one address) may make per minute on one node. */
  API_REQUESTS_PER_MINUTE: positiveInt(600),
  /** How long a document stays in the trash before it is purged with its history, in hours. */
  TRASH_RETENTION_HOURS: positiveInt(24 * 30),
  /** The longest expiry the owner of a document may give a share link, in hours. */
  SHARE_LINK_MAX_HOURS: positiveInt(24 * 30),
  /** Largest image a canvas may store (one upload); larger ones get 413. */
  CANVAS_IMAGE_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  /** Most bytes of images (assets) one document may hold in all; an upload past it gets 413. */
  CANVAS_ASSETS_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  /** How often a node renews its presence in Redis. */
  PRESENCE_HEARTBEAT_MS: positiveInt(5_000),
  /** How long after its last heartbeat a node's users count as gone (the expiry bound). */
  PRESENCE_EXPIRY_MS: positiveInt(15_000),
  /**
   * How long beyond the clients' 15 s renewal period peers may go without hearing an idle client:
   * an unchanged renewal is held until then, relayed with its document's others; 0 relays each at
   * once. At most 10 s: peers drop a state not heard of within 30 s (decisions 0165, 0190).
   */
  AWARENESS_RELAY_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 10000')
    .max(10_000, 'must be between 0 and 10000 (peers drop a state not renewed within 30 s)')
    .default(5_000),
})

export interface ServerConfig extends AuthSettings {
  port: number
  /** Absent: /healthz, /readyz and /metrics are served on `port` with everything else. */
  managementPort?: number
  host: string
  /** Absent: the embedded database under dataDir. */
  databaseUrl?: string
  databasePoolMax: number
  /** Absent: a single node with no fan-out. Connections: `createRedisConnection` in @weft/redis. */
  redis?: RedisConfig
  nodeId: string
  dataDir: string
  production: boolean
  logLevel: z.infer<typeof logLevel>
  maxMessageBytes: number
  snapshotEveryUpdates: number
  logRetentionHours: number
  shutdownTimeoutMs: number
  shutdownUnreadyMs: number
  unsavedMaxUpdates: number
  unsavedMaxBytes: number
  presenceUrl?: string
  tilePlacementsPerMinute: number
  gridImportMaxBytes: number
  gridFirstScreenMaxCells: number
  apiMaxBodyBytes: number
  apiRequestsPerMinute: number
  trashRetentionHours: number
  shareLinkMaxHours: number
  canvasImageMaxBytes: number
  canvasAssetsMaxBytes: number
  presenceHeartbeatMs: number
  presenceExpiryMs: number
  /** AWARENESS_RELAY_MS: how long past 15 s peers may go without hearing an idle client (0: no holding). */
  awarenessRelayMs: number
  limits: ConnectionLimitSettings
  allowedOrigins: string[]
  frameAncestors: string
  /** Absent: no OpenID Connect sign-in (tokens come from the customer's backend). */
  oidc?: OidcSettings
}

/** Every per-socket and per-source limit of a node (docs/security.md lists where each applies). */
export interface ConnectionLimitSettings {
  authTimeoutMs: number
  maxConnectionsPerUser: number
  maxDocumentsPerConnection: number
  messagesPerSecond: number
  messagesBurst: number
  bytesPerSecond: number
  bytesBurst: number
  floodCloseAfterMs: number
  authFailuresPerMinute: number
  authBanMs: number
  trustedProxies: string[]
}

/** Reads the node's environment once, at the edge; throws ConfigError with one line on a bad value. */
export function parseServerConfig(
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  const parsed = parseEnv(schema, env)
  const production = isProduction(parsed.NODE_ENV)
  if (parsed.PRESENCE_EXPIRY_MS <= parsed.PRESENCE_HEARTBEAT_MS) {
    throw new ConfigError('PRESENCE_EXPIRY_MS must be longer than PRESENCE_HEARTBEAT_MS')
  }
  if (parsed.SHUTDOWN_UNREADY_MS >= parsed.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError('SHUTDOWN_UNREADY_MS must be shorter than SHUTDOWN_TIMEOUT_MS')
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
  const redis = redisConfigFrom(parsed)
  const oidc = readOidc(parsed, parsed.AUTH_SECRET)
  return {
    ...(oidc ? { oidc } : {}),
    port: parsed.PORT,
    ...(parsed.MANAGEMENT_PORT !== undefined ? { managementPort: parsed.MANAGEMENT_PORT } : {}),
    host: parsed.HOST ?? listenHost(parsed.AUTH_SECRET),
    ...(parsed.DATABASE_URL ? { databaseUrl: parsed.DATABASE_URL } : {}),
    databasePoolMax: parsed.DATABASE_POOL_MAX,
    ...(redis ? { redis } : {}),
    ...readAuth(parsed),
    nodeId: parsed.NODE_ID ?? hostname(),
    dataDir: resolve(parsed.DATA_DIR),
    production,
    logLevel: parsed.LOG_LEVEL,
    maxMessageBytes: parsed.MAX_MESSAGE_BYTES,
    snapshotEveryUpdates: parsed.SNAPSHOT_EVERY_UPDATES,
    logRetentionHours: parsed.LOG_RETENTION_HOURS,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    shutdownUnreadyMs: parsed.SHUTDOWN_UNREADY_MS,
    unsavedMaxUpdates: parsed.UNSAVED_MAX_UPDATES,
    unsavedMaxBytes: parsed.UNSAVED_MAX_BYTES,
    ...(parsed.PRESENCE_URL ? { presenceUrl: parsed.PRESENCE_URL } : {}),
    tilePlacementsPerMinute: parsed.TILE_PLACEMENTS_PER_MINUTE,
    gridImportMaxBytes: parsed.GRID_IMPORT_MAX_BYTES,
    gridFirstScreenMaxCells: parsed.GRID_FIRST_SCREEN_MAX_CELLS,
    apiMaxBodyBytes: parsed.API_MAX_BODY_BYTES,
    apiRequestsPerMinute: parsed.API_REQUESTS_PER_MINUTE,
    trashRetentionHours: parsed.TRASH_RETENTION_HOURS,
    shareLinkMaxHours: parsed.SHARE_LINK_MAX_HOURS,
    canvasImageMaxBytes: parsed.CANVAS_IMAGE_MAX_BYTES,
    canvasAssetsMaxBytes: parsed.CANVAS_ASSETS_MAX_BYTES,
    presenceHeartbeatMs: parsed.PRESENCE_HEARTBEAT_MS,
    presenceExpiryMs: parsed.PRESENCE_EXPIRY_MS,
    awarenessRelayMs: parsed.AWARENESS_RELAY_MS,
    allowedOrigins: parsed.ALLOWED_ORIGINS,
    frameAncestors: parsed.FRAME_ANCESTORS,
    limits: {
      authTimeoutMs: parsed.AUTH_TIMEOUT_MS,
      maxConnectionsPerUser: parsed.MAX_CONNECTIONS_PER_USER,
      maxDocumentsPerConnection: parsed.MAX_DOCUMENTS_PER_CONNECTION,
      messagesPerSecond: parsed.RATE_LIMIT_MESSAGES_PER_SECOND,
      messagesBurst: parsed.RATE_LIMIT_MESSAGES_BURST,
      bytesPerSecond: parsed.RATE_LIMIT_BYTES_PER_SECOND,
      bytesBurst: parsed.RATE_LIMIT_BYTES_BURST,
      floodCloseAfterMs: parsed.FLOOD_CLOSE_AFTER_MS,
      authFailuresPerMinute: parsed.AUTH_FAILURES_PER_MINUTE,
      authBanMs: parsed.AUTH_BAN_MS,
      trustedProxies: parsed.TRUSTED_PROXIES,
    },
  }
}

/**
 * Where Redis is: one server (REDIS_URL), a Sentinel-managed master (REDIS_SENTINELS), or a
 * Redis Cluster (REDIS_CLUSTER_NODES). Parsed once here into one validated object; every Redis
 * connection in the platform is made from it by `@weft/redis` (createRedisConnection), so fan-out,
 * presence, the tile limiter and the journal all follow the same setting.
 */
import { z } from 'zod'
import { ConfigError } from './ConfigError.ts'
import { redisUrl } from './fields.ts'

export interface RedisAddress {
  host: string
  port: number
}

/** Credentials for the data nodes in Sentinel and Cluster modes (REDIS_URL carries its own). */
export interface RedisAuth {
  username?: string
  password?: string
}

export type RedisConfig =
  | { mode: 'standalone'; url: string }
  | (RedisAuth & {
      mode: 'sentinel'
      sentinels: RedisAddress[]
      /** The master's name in the sentinels' configuration (`sentinel monitor <name> …`). */
      masterName: string
      sentinelPassword?: string
    })
  | (RedisAuth & { mode: 'cluster'; nodes: RedisAddress[] })

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/

/** `host[:port],host[:port]…` with a default port; undefined when one entry is not an address. */
export function parseAddresses(value: string, defaultPort: number): RedisAddress[] | undefined {
  const addresses: RedisAddress[] = []
  for (const entry of value.split(',')) {
    const match = HOST_PORT.exec(entry.trim())
    if (!match?.[1]) return undefined
    const port = match[2] === undefined ? defaultPort : Number(match[2])
    if (port < 1 || port > 65535) return undefined
    addresses.push({ host: match[1].replace(/^\[|\]$/g, ''), port })
  }
  return addresses.length > 0 ? addresses : undefined
}

const addressList = (defaultPort: number, example: string) =>
  z
    .string()
    .refine(
      (value) => parseAddresses(value, defaultPort) !== undefined,
      `must be host:port addresses separated by commas, like ${example}`,
    )

/** The Redis variables; merged into each deployable's env schema. */
export const redisEnv = {
  REDIS_URL: redisUrl.optional(),
  /** Sentinel addresses; the node asks them which server is the master, and again after a failover. */
  REDIS_SENTINELS: addressList(26379, 'sentinel-0:26379,sentinel-1:26379').optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"')
    .default('mymaster'),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  /** Seed nodes; the client learns the rest of the cluster (and its slot map) from them. */
  REDIS_CLUSTER_NODES: addressList(6379, 'redis-0:6379,redis-1:6379').optional(),
  REDIS_USERNAME: z.string().optional(),
  REDIS_PASSWORD: z.string().optional(),
}

const redisEnvSchema = z.object(redisEnv)
type RedisEnv = z.output<typeof redisEnvSchema>

/** The one RedisConfig the variables describe, or undefined when Redis is not configured. */
export function redisConfigFrom(env: RedisEnv): RedisConfig | undefined {
  const chosen = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter(
    (name) => env[name] !== undefined,
  )
  if (chosen.length > 1) {
    throw new ConfigError(
      `set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES (got ${chosen.join(' and ')})`,
    )
  }
  const auth: RedisAuth = {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
  }
  if (env.REDIS_SENTINEL_PASSWORD !== undefined && env.REDIS_SENTINELS === undefined) {
    throw new ConfigError('REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not')
  }
  if (env.REDIS_URL !== undefined) {
    for (const name of ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const) {
      if (env[name] !== undefined)
        throw new ConfigError(
          `${name} applies to REDIS_SENTINELS and REDIS_CLUSTER_NODES; with REDIS_URL put the credentials in the URL`,
        )
    }
    return { mode: 'standalone', url: env.REDIS_URL }
  }
  if (env.REDIS_SENTINELS !== undefined) {
    return {
      mode: 'sentinel',
      sentinels: parseAddresses(env.REDIS_SENTINELS, 26379) ?? [],
      masterName: env.REDIS_SENTINEL_NAME,
      ...auth,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    }
  }
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    return { mode: 'cluster', nodes: parseAddresses(env.REDIS_CLUSTER_NODES, 6379) ?? [], ...auth }
  }
  for (const name of ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const) {
    if (env[name] !== undefined)
      throw new ConfigError(`${name} is set but none of REDIS_SENTINELS, REDIS_CLUSTER_NODES is`)
  }
  return undefined
}

/** For logs: the mode and addresses, never a credential. */
export function describeRedis(config: RedisConfig | undefined): string {
  if (!config) return 'off (single node)'
  if (config.mode === 'standalone') {
    const url = new URL(config.url)
    return `${url.protocol}//${url.host}`
  }
  const list = (config.mode === 'sentinel' ? config.sentinels : config.nodes)
    .map((a) => `${a.host}:${a.port}`)
    .join(',')
  return config.mode === 'sentinel'
    ? `sentinel ${config.masterName} via ${list}`
    : `cluster via ${list}`
}

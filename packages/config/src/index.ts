export { ConfigError } from './ConfigError.ts'
export * as fields from './fields.ts'
export { parseEnv } from './parseEnv.ts'
export {
  describeRedis,
  parseAddresses,
  type RedisAddress,
  type RedisConfig,
  redisConfigFrom,
  redisEnv,
} from './redisConfig.ts'
export { parseServerConfig, type ServerConfig } from './serverConfig.ts'

export { type AuthSettings, authShape, isProduction, listenHost, readAuth } from './auth.ts'
export { ConfigError } from './ConfigError.ts'
export * as fields from './fields.ts'
export { type OidcSettings, oidcShape, readOidc } from './oidc.ts'
export { parseEnv } from './parseEnv.ts'
export {
  describeRedis,
  parseAddresses,
  type RedisAddress,
  type RedisConfig,
  redisConfigFrom,
  redisEnv,
} from './redisConfig.ts'
export {
  type ConnectionLimitSettings,
  parseServerConfig,
  type ServerConfig,
} from './serverConfig.ts'

export {
  createRedisConnection,
  type RedisConnection,
  type RedisConnectionOptions,
} from './createRedisConnection.ts'
export { isCluster } from './isCluster.ts'
export { subscriberCount } from './subscriberCount.ts'

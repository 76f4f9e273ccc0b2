export { type Balancer, startBalancer } from './balancer.ts'
export { type ChartNodeSpecOptions, chartNodeSpec } from './chartNodeSpec.ts'
export { type ChartPod, renderChartPods } from './chartPods.ts'
export { clientPool } from './clientPool.ts'
export { connectClient, type TestClient, textOf } from './clients.ts'
export { type Dex, type DexOptions, type DexUser, dexBinary, startDex } from './dex.ts'
export { assertFanOutWorks } from './fanOut.ts'
export { type Fleet, type FleetOptions, migrate, startFleet } from './fleet.ts'
export { freePort } from './freePort.ts'
export { ManagedProcess } from './ManagedProcess.ts'
export { documentPath, type NodeRequest, type NodeResponse, nodeHttp } from './nodeHttp.ts'
export { type PostgresInstance, startPostgres } from './postgres.ts'
export { type RedisInstance, startRedis } from './redis.ts'
export { authArgs, redisCli, redisInfo } from './redisCli.ts'
export { type RedisClusterSetup, startRedisCluster } from './redisCluster.ts'
export {
  type RedisSentinelOptions,
  type RedisSentinelSetup,
  startRedisSentinel,
} from './redisSentinel.ts'
export { REPO_ROOT } from './repoRoot.ts'
export { type NodeSpec, type ServerNode, startNode } from './serverNode.ts'
export { type PlacementAnswer, placeTile } from './tilePlacement.ts'
export { loadTrace, TRACES_DIR, type Trace } from './traces.ts'
export {
  missingTokens,
  startTypist,
  type TypingCrowd,
  type Typist,
  typingCrowd,
} from './typists.ts'
export { waitFor } from './waitFor.ts'
export { startWordTypist, type WordTypist } from './wordTypist.ts'

/**
 * The arithmetic behind scenario 10's projection and per-update costs: a wrong sign or a missing
 * idle subtraction would put the Redis or Postgres limit at the wrong node count in the docs.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type CostSnapshot, windowCost } from './costs.ts'
import { fitLine, project } from './scalingModel.ts'

test('fitLine recovers a line and is flat through one point', () => {
  const line = fitLine([
    [0, 3],
    [1, 5],
    [3, 9],
  ])
  assert.ok(Math.abs(line.a - 3) < 1e-9 && Math.abs(line.b - 2) < 1e-9)
  assert.deepEqual(fitLine([[4, 7]]), { a: 7, b: 0 })
})

test('project finds where Redis overtakes the nodes as the limit', () => {
  // ingest 400 µs, peer 100 µs per update; Redis 10 µs + 5 µs a further subscriber.
  const measured = [1, 2, 4, 8].map((nodes) => ({
    nodes,
    fleetCpuSecPerUpdate: 400e-6 + (nodes - 1) * 100e-6,
    redisCpuSecPerUpdate: 10e-6 + (nodes - 1) * 5e-6,
    postgresCpuSecPerUpdate: 100e-6,
  }))
  const model = project(measured, [1, 8, 64], 4)
  assert.ok(Math.abs(model.ingest - 400e-6) < 1e-12 && Math.abs(model.peer - 100e-6) < 1e-12)
  const [one, eight, sixtyFour] = model.rows
  assert.equal(Math.round(one?.nodesLimitAllShared ?? 0), 2500)
  assert.equal(one?.limitAllShared, 'nodes')
  // All documents on all 64 nodes: nodes 64 / 6.7 ms = 9.6k/s, Redis 1 / 325 µs = 3.1k/s.
  assert.equal(sixtyFour?.limitAllShared, 'redis')
  // Documents on 2 nodes each: nodes 64 / 500 µs = 128k/s, Redis 1 / 15 µs = 67k/s, Postgres
  // 4 cores / 100 µs = 40k/s.
  assert.equal(sixtyFour?.limitPairs, 'postgres')
  assert.equal(eight?.limitPairs, 'nodes')
})

test('windowCost takes the idle spend off and divides by the updates', () => {
  const snapshot = (at: number, cpu: number, commands: number, rows: number): CostSnapshot => ({
    at,
    nodeCpuSec: [cpu],
    redis: { redisCpuSec: cpu / 10, total_commands_processed: commands },
    postgres: { cpuSec: cpu / 2, update_rows: rows, connections: 3 },
  })
  const idle = {
    nodeCpuSec: [0.1],
    redis: { redisCpuSec: 0.01, total_commands_processed: 10 },
    postgres: { cpuSec: 0.05, update_rows: 0 },
  }
  // 2 s window: node 2.2 s CPU of which 0.2 s idle, for 1,000 updates.
  const cost = windowCost(snapshot(0, 0, 0, 100), snapshot(2000, 2.2, 520, 1100), 1000, idle)
  assert.ok(Math.abs((cost.nodeCpuSecPer1k[0] ?? 0) - 2) < 1e-9)
  assert.ok(Math.abs(cost.redisCommandsPerUpdate - 0.5) < 1e-9)
  assert.ok(Math.abs(cost.redisCpuUsPerUpdate - 200) < 1e-6)
  assert.ok(Math.abs(cost.postgresCpuUsPerUpdate - 1000) < 1e-6)
  assert.equal(cost.postgresRowsPerUpdate, 1)
  assert.equal(cost.postgresConnections, 3)
})

/**
 * A real Redis Cluster on loopback ports in temp dirs: N masters (and optionally replicas of each)
 * created with `redis-cli --cluster create`, waited on until every node reports
 * `cluster_state:ok`. Tests use it to prove that what the platform does in Redis works when keys
 * and channels hash to slots owned by different nodes, and when a node dies.
 */
import { execFile } from 'node:child_process'
import { freePort } from './freePort.ts'
import type { ManagedProcess } from './ManagedProcess.ts'
import { redisCli } from './redisCli.ts'
import { EPHEMERAL, launchRedisProcess } from './redisServerProcess.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

export interface RedisClusterSetup {
  ports: number[]
  /** Each node's process by port. */
  processes: Map<number, ManagedProcess>
  /** The variable a node or presence service needs to use this cluster. */
  env: { REDIS_CLUSTER_NODES: string }
  /** The port of the master that owned `key`'s slot at start (a channel hashes the same way). */
  ownerOf(key: string): Promise<number>
  /** SIGKILL of one node, then waits until the live nodes agree the cluster is whole again. */
  killNode(port: number): Promise<void>
  destroy(): Promise<void>
}

export async function startRedisCluster(
  options: { masters?: number; replicasPerMaster?: number } = {},
): Promise<RedisClusterSetup> {
  const masters = options.masters ?? 3
  const replicas = options.replicasPerMaster ?? 0
  const total = masters * (1 + replicas)
  const dir = await makeTempDir('cluster')
  const processes = new Map<number, ManagedProcess>()
  const ports: number[] = []
  const cleanup = async () => {
    await Promise.all([...processes.values()].map((child) => child.kill()))
    await dir.remove()
  }
  /** Every live node says the cluster is ok and knows `known` nodes (dead ones included). */
  const healthy = async () => {
    for (const [port, child] of processes) {
      if (!child.running) continue
      const info = await redisInfoCluster(port)
      if (info.get('cluster_state') !== 'ok') return false
      if (Number(info.get('cluster_known_nodes')) !== total) return false
    }
    return true
  }
  const replicasSynced = async () => {
    for (const port of processes.keys()) {
      const info = await redisCli(port, 'INFO', 'replication')
      if (/role:slave/.test(info) && !/master_link_status:up/.test(info)) return false
    }
    return true
  }
  try {
    for (let index = 0; index < total; index++) {
      const port = await freePort()
      // The cluster bus port is chosen too (it defaults to port + 10000, which may be taken).
      const busPort = await freePort()
      ports.push(port)
      processes.set(
        port,
        await launchRedisProcess(`redis-cluster:${port}`, port, [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir.path,
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(busPort),
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '5000',
          // The first sync starts at once (the default waits 5 s for more replicas).
          '--repl-diskless-sync-delay',
          '0',
          '--dbfilename',
          `dump-${port}.rdb`,
          ...EPHEMERAL,
        ]),
      )
    }
    await createCluster(ports, replicas)
    await waitFor('every cluster node to report cluster_state:ok', healthy, {
      timeoutMs: 60_000,
      intervalMs: 200,
    })
    // A replica that has not finished its first sync never stands for election: a master killed
    // before then (a test that kills one seconds after start) would leave its slots down for good.
    await waitFor('every replica to have synced with its master', replicasSynced, {
      timeoutMs: 60_000,
      intervalMs: 200,
    })
  } catch (error) {
    const logs = [...processes.values()].map((child) => child.logs(10)).join('\n')
    await cleanup()
    throw new Error(`${(error as Error).message}\n${logs}`)
  }

  const slotOwners = await readSlotOwners(ports[0] as number)
  const setup: RedisClusterSetup = {
    ports,
    processes,
    env: { REDIS_CLUSTER_NODES: ports.map((port) => `127.0.0.1:${port}`).join(',') },
    async ownerOf(key) {
      const slot = Number(await redisCli(ports[0] as number, 'CLUSTER', 'KEYSLOT', key))
      const owner = slotOwners.find(([from, to]) => slot >= from && slot <= to)
      if (!owner) throw new Error(`no node owns slot ${slot}`)
      return owner[2]
    },
    async killNode(port) {
      await processes.get(port)?.kill()
      // The others mark it failed after cluster-node-timeout; a dead master's replica then takes
      // over after an election, and the cluster is ok again.
      await waitFor(
        `every live node to mark ${port} as failed`,
        async () => {
          for (const [other, child] of processes) {
            if (!child.running) continue
            const nodes = await redisCli(other, 'CLUSTER', 'NODES')
            const line = nodes.split('\n').find((entry) => entry.includes(`:${port}@`))
            if (!line || !/[ ,]fail[ ,]/.test(` ${line.split(' ')[2]} `)) return false
          }
          return true
        },
        { timeoutMs: 90_000, intervalMs: 250 },
      )
      await waitFor(`the cluster to be whole again without ${port}`, healthy, {
        timeoutMs: 90_000,
        intervalMs: 250,
      }).catch(async (error: Error) => {
        // What each live node thinks, and its last log lines: why no replica took over.
        const report: string[] = []
        for (const [other, child] of processes) {
          if (!child.running) continue
          const nodes = await redisCli(other, 'CLUSTER', 'NODES').catch(String)
          report.push(`--- ${other}\n${nodes}\n${child.logs(15)}`)
        }
        throw new Error(`${error.message}\n${report.join('\n')}`)
      })
    },
    destroy: cleanup,
  }
  return setup
}

function createCluster(ports: number[], replicas: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`redis-cli --cluster create: ${stderr || stdout}`)) : resolve(),
    )
  })
}

/** CLUSTER INFO has the INFO format but its own command. */
async function redisInfoCluster(port: number) {
  const text = await redisCli(port, 'CLUSTER', 'INFO')
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':')
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1).trim())
  }
  return fields
}

/** [first slot, last slot, master port] for each range, as CLUSTER NODES lists them. */
async function readSlotOwners(port: number): Promise<[number, number, number][]> {
  const text = await redisCli(port, 'CLUSTER', 'NODES')
  const ranges: [number, number, number][] = []
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ')
    const address = fields[1]?.split('@')[0]
    const ownerPort = Number(address?.split(':')[1])
    for (const range of fields.slice(8)) {
      const [from, to = from] = range.split('-')
      if (from !== undefined && /^\d+$/.test(from))
        ranges.push([Number(from), Number(to), ownerPort])
    }
  }
  return ranges
}

/**
 * A real Sentinel deployment on loopback ports in temp dirs: one master, its replicas, and three
 * `redis-sentinel` processes that monitor it with quorum 2, so a failover (asked for, or forced
 * by killing the master) happens the way it does in production: the sentinels agree, promote the
 * replica, and tell clients the new address.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freePort } from './freePort.ts'
import type { ManagedProcess } from './ManagedProcess.ts'
import { authArgs, redisCli, redisInfo } from './redisCli.ts'
import { EPHEMERAL, launchRedisProcess } from './redisServerProcess.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

export interface RedisSentinelOptions {
  replicas?: number
  masterName?: string
  /** requirepass of the master and replicas (and the sentinels' auth-pass for them). */
  password?: string
  /** requirepass of the sentinels themselves. */
  sentinelPassword?: string
}

export interface RedisSentinelSetup {
  masterName: string
  sentinels: { host: string; port: number }[]
  /** The variables a node or presence service needs to use this setup. */
  env: { REDIS_SENTINELS: string; REDIS_SENTINEL_NAME: string }
  /** The data servers by port (master and replicas; which is which changes on failover). */
  servers: Map<number, ManagedProcess>
  /** The master's port as the sentinels report it. */
  masterPort(): Promise<number>
  /** A command to a data server (authenticated when the setup has a password). */
  command(port: number, ...args: string[]): Promise<string>
  /** SENTINEL FAILOVER: the replica is promoted, the old master becomes its replica. */
  failover(): Promise<{ from: number; to: number }>
  /** SIGKILL of the master: the sentinels notice, agree and promote the replica. */
  killMaster(): Promise<{ from: number; to: number }>
  destroy(): Promise<void>
}

/** Short enough that a forced failover takes a few seconds, long enough to ride out a slow machine. */
const DOWN_AFTER_MS = 2_000
const FAILOVER_TIMEOUT_MS = 10_000
/** Election and reconfiguration are real protocol rounds; on a loaded machine they take a while. */
const SETTLE_TIMEOUT_MS = 60_000

export async function startRedisSentinel(
  options: RedisSentinelOptions = {},
): Promise<RedisSentinelSetup> {
  const { password, sentinelPassword } = options
  const serverAuth = password ? ['--requirepass', password, '--masterauth', password] : []
  const masterName = options.masterName ?? 'weft'
  const dir = await makeTempDir('sentinel')
  const servers = new Map<number, ManagedProcess>()
  const sentinelProcesses: ManagedProcess[] = []
  const sentinelPorts: number[] = []
  try {
    const masterPort = await freePort()
    servers.set(
      masterPort,
      await launchRedisProcess(
        `redis-master:${masterPort}`,
        masterPort,
        [...serverArgs(masterPort, dir.path, 'master'), ...serverAuth],
        { password },
      ),
    )
    for (let index = 0; index < (options.replicas ?? 1); index++) {
      const port = await freePort()
      servers.set(
        port,
        await launchRedisProcess(
          `redis-replica:${port}`,
          port,
          [
            ...serverArgs(port, dir.path, `replica-${index}`),
            ...serverAuth,
            '--replicaof',
            '127.0.0.1',
            String(masterPort),
          ],
          { password },
        ),
      )
    }
    for (let index = 0; index < 3; index++) {
      const port = await freePort()
      const config = join(dir.path, `sentinel-${index}.conf`)
      // Sentinel rewrites its own config file with what it learns, so each gets a writable one.
      await writeFile(
        config,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir.path}`,
          `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${masterName} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${masterName} ${FAILOVER_TIMEOUT_MS}`,
          `sentinel parallel-syncs ${masterName} 1`,
          ...(password ? [`sentinel auth-pass ${masterName} ${password}`] : []),
          ...(sentinelPassword ? [`requirepass ${sentinelPassword}`] : []),
          '',
        ].join('\n'),
      )
      sentinelPorts.push(port)
      sentinelProcesses.push(
        await launchRedisProcess(`sentinel:${port}`, port, [config], {
          command: 'redis-sentinel',
          password: sentinelPassword,
        }),
      )
    }
  } catch (error) {
    await Promise.all([...servers.values(), ...sentinelProcesses].map((child) => child.kill()))
    await dir.remove()
    throw error
  }

  const ask = (port: number, ...args: string[]) =>
    redisCli(port, ...authArgs(sentinelPassword), 'SENTINEL', ...args)
  const reportedMaster = async (port: number) =>
    Number((await ask(port, 'get-master-addr-by-name', masterName)).split('\n')[1])

  /** Every sentinel agrees on `port` as master, it says so itself, and its replicas are linked. */
  const settledOn = async (port: number) => {
    for (const sentinel of sentinelPorts) {
      if ((await reportedMaster(sentinel)) !== port) return false
      const state = pairs(await ask(sentinel, 'master', masterName))
      if (state.get('num-other-sentinels') !== '2') return false
      if (state.get('flags') !== 'master') return false
    }
    const replication = await redisInfo(port, 'replication', password)
    if (replication.get('role') !== 'master') return false
    const live = [...servers.values()].filter((child) => child.running).length
    return Number(replication.get('connected_slaves')) === live - 1
  }

  const firstMaster = [...servers.keys()][0] as number
  await waitFor('the sentinels to see the master, its replica and each other', () =>
    settledOn(firstMaster),
  ).catch(async (error) => {
    await Promise.all([...servers.values(), ...sentinelProcesses].map((child) => child.kill()))
    await dir.remove()
    throw error
  })

  const waitForNewMaster = async (from: number) => {
    const to = await waitFor(
      `the sentinels to promote a replica of ${from}`,
      async () => {
        const port = await reportedMaster(sentinelPorts[0] as number)
        return port !== from && port
      },
      { timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: 200 },
    )
    await waitFor(`every sentinel to settle on ${to}`, () => settledOn(to), {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 200,
    })
    return { from, to }
  }

  const setup: RedisSentinelSetup = {
    masterName,
    sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
    env: {
      REDIS_SENTINELS: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
      REDIS_SENTINEL_NAME: masterName,
    },
    servers,
    masterPort: () => reportedMaster(sentinelPorts[0] as number),
    command: (port, ...args) => redisCli(port, ...authArgs(password), ...args),
    async failover() {
      const from = await setup.masterPort()
      await ask(sentinelPorts[0] as number, 'failover', masterName)
      return waitForNewMaster(from)
    },
    async killMaster() {
      const from = await setup.masterPort()
      await servers.get(from)?.kill()
      return waitForNewMaster(from)
    },
    async destroy() {
      await Promise.all([...sentinelProcesses, ...servers.values()].map((child) => child.kill()))
      await dir.remove()
    },
  }
  return setup
}

function serverArgs(port: number, dir: string, name: string) {
  return [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--dbfilename',
    `${name}.rdb`,
    ...EPHEMERAL,
  ]
}

/** A flat `key value key value …` reply (one per line, as redis-cli prints it) as a map. */
function pairs(text: string): Map<string, string> {
  const lines = text.split('\n')
  const map = new Map<string, string>()
  for (let index = 0; index + 1 < lines.length; index += 2) {
    map.set(lines[index] as string, lines[index + 1] as string)
  }
  return map
}

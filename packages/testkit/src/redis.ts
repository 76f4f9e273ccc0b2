import { createConnection } from 'node:net'
import { freePort } from './freePort.ts'
import { ManagedProcess } from './ManagedProcess.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

export interface RedisInstance {
  url: string
  port: number
  process: ManagedProcess
  /** Stops (or kills) the server; `start` brings it back on the same port, empty. */
  stop(): Promise<void>
  kill(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.setTimeout(1000)
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (data) => {
      resolve(data.toString().startsWith('+PONG'))
      socket.destroy()
    })
    socket.on('error', () => resolve(false))
    socket.on('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

/** A real redis-server on a free loopback port with no persistence, in a temp dir. */
export async function startRedis(): Promise<RedisInstance> {
  const port = await freePort()
  const dir = await makeTempDir('redis')
  const launch = async () => {
    const child = new ManagedProcess(`redis:${port}`, 'redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir.path,
    ])
    await waitFor(`redis on ${port}`, async () => child.running && (await ping(port)), {
      timeoutMs: 10_000,
    }).catch((error) => {
      throw new Error(`${error.message}\n${child.logs()}`)
    })
    return child
  }
  const instance: RedisInstance = {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: await launch(),
    async stop() {
      await instance.process.stop()
    },
    async kill() {
      await instance.process.kill()
    },
    async start() {
      instance.process = await launch()
    },
    async destroy() {
      await instance.process.kill()
      await dir.remove()
    },
  }
  return instance
}

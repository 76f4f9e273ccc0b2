import { createConnection } from 'node:net'
import { freePort } from './freePort.ts'
import { ManagedProcess } from './ManagedProcess.ts'
import { type Restartable, restartable } from './restartable.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

export interface RedisInstance extends Restartable {
  url: string
  port: number
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
  return Object.assign(await restartable(launch, dir), { url: `redis://127.0.0.1:${port}`, port })
}

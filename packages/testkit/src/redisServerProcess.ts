/**
 * A redis-server (or sentinel) process on a loopback port in its own directory, waited on until
 * it answers PING: the building block of the single, Sentinel and Cluster launchers.
 */
import { ManagedProcess } from './ManagedProcess.ts'
import { authArgs, redisCli } from './redisCli.ts'
import { waitFor } from './waitFor.ts'

/** No persistence: tests start from nothing and never leave dump files behind. */
export const EPHEMERAL = ['--save', '', '--appendonly', 'no']

export async function launchRedisProcess(
  name: string,
  port: number,
  args: string[],
  { command = 'redis-server', password }: { command?: string; password?: string } = {},
): Promise<ManagedProcess> {
  const child = new ManagedProcess(name, command, args)
  await waitFor(
    `${name} on ${port}`,
    async () => child.running && (await redisCli(port, ...authArgs(password), 'PING')) === 'PONG',
    { timeoutMs: 15_000, intervalMs: 100 },
  ).catch((error) => {
    throw new Error(`${error.message}\n${child.logs()}`)
  })
  return child
}

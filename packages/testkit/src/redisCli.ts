/**
 * One command to a test Redis (server or sentinel) through `redis-cli`, which the harness needs
 * anyway: the reply as text, or an Error with what redis-cli printed.
 */
import { execFile } from 'node:child_process'

export function redisCli(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'redis-cli',
      ['-h', '127.0.0.1', '-p', String(port), ...args],
      { timeout: 5_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`redis-cli -p ${port} ${args.join(' ')}: ${stderr || error}`))
        else resolve(stdout.trim())
      },
    )
  })
}

/** `INFO <section>` as a map of its `field:value` lines. */
export async function redisInfo(
  port: number,
  section: string,
  password?: string,
): Promise<Map<string, string>> {
  const text = await redisCli(port, ...authArgs(password), 'INFO', section)
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':')
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1).trim())
  }
  return fields
}

/** redis-cli's arguments to authenticate (they go before the command), or none. */
export function authArgs(password: string | undefined): string[] {
  return password ? ['-a', password, '--no-auth-warning'] : []
}

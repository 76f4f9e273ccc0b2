/**
 * One HTTP request written byte for byte over TCP: fetch and http.request normalise request
 * targets (`//host/path`, `http://host/path`) and headers, which are exactly what an attacker
 * controls.
 */
import { createConnection } from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export function rawRequest(
  port: number,
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close']
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    const chunks: Buffer[] = []
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      const text = Buffer.concat(chunks).toString('latin1')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const status = Number(statusLine.split(' ')[1])
      if (!status) return reject(new Error(`no HTTP answer to ${method} ${target}: ${text}`))
      const parsed: Record<string, string> = {}
      for (const line of headerLines) {
        const colon = line.indexOf(':')
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      resolve({ status, headers: parsed, body: rest.join('\r\n\r\n') })
    }
    let streamTimer: ReturnType<typeof setTimeout> | undefined
    socket.on('data', (chunk) => {
      chunks.push(chunk)
      // A stream (SSE) never ends: once the head is in, what follows within a second will do.
      if (!streamTimer && Buffer.concat(chunks).includes('\r\n\r\n')) {
        streamTimer = setTimeout(() => {
          finish()
          socket.destroy()
        }, 1_000)
      }
    })
    socket.on('error', (error) => {
      if (!settled) reject(error)
    })
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)))
    socket.on('close', () => {
      clearTimeout(streamTimer)
      finish()
    })
  })
}

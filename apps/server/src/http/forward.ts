/** Forwards a GET (including an SSE stream) to another service, streaming the answer back. */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { sendJson } from './sendJson.ts'

export function forward(incoming: IncomingMessage, response: ServerResponse, base: string): void {
  const target = new URL(incoming.url ?? '/', base)
  const outgoing = httpRequest(
    target,
    { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    },
  )
  outgoing.on('error', () => {
    if (!response.headersSent) sendJson(response, 502, { error: 'presence service unreachable' })
    else response.destroy()
  })
  response.on('close', () => outgoing.destroy())
  incoming.pipe(outgoing)
}

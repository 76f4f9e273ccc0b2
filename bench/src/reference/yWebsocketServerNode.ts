/**
 * The second reference: `@y/websocket-server` 0.1.5 (`setupWSConnection` from its `utils`, served
 * the way its own `src/server.js` does: an HTTP server answering 200, upgrades handed to a `ws`
 * server). One process, one node (it has no fan-out).
 *
 * 0.1.5 runs on Yjs 14 (its dependency `yjs@^14.0.0-7`), but `@y/protocols`, which npm hoists to
 * the workspace root, would resolve `yjs` to the root's 13.6.33 and mix two Yjs instances in one
 * document. A resolve hook gives every `yjs` and `ws` import in this process the copies
 * `@y/websocket-server` itself resolves (Yjs 14, ws 6), i.e. what a standalone install of the
 * package runs. Clients (y-websocket 3.1.0 on Yjs 13) speak the same wire format.
 *
 * When DATABASE_URL is set, a persistence (the package's `setPersistence`, as y-leveldb plugged
 * into earlier versions) loads a document's full state from `reference_documents` in `bindState`
 * and stores it in `writeState` when the last connection closes — with a persistence set the
 * package also drops the document from memory then; without one it never unloads a document.
 * Env: PORT, DATABASE_URL (optional).
 */
import { createServer } from 'node:http'
import { registerHooks } from 'node:module'
import pg from 'pg'

const packageUtils = import.meta.resolve('@y/websocket-server/utils')
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'yjs' || specifier === 'ws')
      return nextResolve(specifier, { ...context, parentURL: packageUtils })
    return nextResolve(specifier, context)
  },
})

type YDoc = { getMap(): unknown; name?: string }
const Y = (await import('yjs')) as unknown as {
  applyUpdate(doc: YDoc, update: Uint8Array): void
  encodeStateAsUpdate(doc: YDoc): Uint8Array
}
// ws 6 is CommonJS: its server class is `WebSocket.Server` on the default export.
const { Server: WebSocketServer } = ((await import('ws')) as { default: unknown }).default as {
  Server: new (options: { noServer: boolean }) => WsServer
}
interface WsServer {
  handleUpgrade(
    request: unknown,
    socket: unknown,
    head: unknown,
    done: (socket: unknown) => void,
  ): void
}
const utils = (await import(packageUtils)) as {
  setupWSConnection(socket: unknown, request: unknown): void
  setPersistence(persistence: unknown): void
  docs: Map<string, YDoc & { conns: Map<unknown, unknown> }>
}

;(globalThis as { __benchDocuments?: () => number }).__benchDocuments = () => utils.docs.size
;(globalThis as { __benchConnections?: () => number }).__benchConnections = () =>
  [...utils.docs.values()].reduce((sum, doc) => sum + doc.conns.size, 0)

if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
  utils.setPersistence({
    provider: pool,
    bindState: async (name: string, doc: YDoc) => {
      const result = await pool.query('SELECT state FROM reference_documents WHERE name = $1', [
        name,
      ])
      const state = result.rows[0]?.state as Uint8Array | undefined
      if (state) Y.applyUpdate(doc, state)
    },
    writeState: async (name: string, doc: YDoc) => {
      await pool.query(
        `INSERT INTO reference_documents (name, state, stored_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, stored_at = now()`,
        [name, Buffer.from(Y.encodeStateAsUpdate(doc))],
      )
    },
  })
}

const wss = new WebSocketServer({ noServer: true })
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => utils.setupWSConnection(ws, request))
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`y-websocket-server listening on ${process.env.PORT}\n`)
})

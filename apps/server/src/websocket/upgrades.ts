/**
 * Routes WebSocket upgrades: `/collab` (Hocuspocus protocol) and `/yjs/<documentName>`
 * (y-websocket protocol, bridged). Frames above `maxMessageBytes` close that socket with 1009;
 * a malformed frame closes that socket; neither reaches the rest of the node.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server'
import crossws from 'crossws/adapters/node'
import type { ConnectionContext, SocketTransport } from '../context.ts'
import type { Logger } from '../logger.ts'
import { connectionRequest } from './connectionRequest.ts'
import { corkUntilNextTurn, tcpSocketOf } from './corkPerTurn.ts'
import { authMessage, bridgeSocket, toHocuspocus } from './YWebsocketBridge.ts'

export interface UpgradeOptions {
  hocuspocus: Hocuspocus
  maxMessageBytes: number
  logger: Logger
  /** False once shutdown began: new sockets are refused so clients go to another node. */
  accepting: () => boolean
}

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

/**
 * crossws's keep-alive sweep is off: it pings every socket from one timer, one event-loop turn
 * of ~0.4–0.5 s at 10,000 sockets (docs/benchmarks.md, scenario 4). Silent sockets are still
 * closed: each Hocuspocus connection checks its own idle time (`timeout` in createNode), on a
 * timer of its own, so the checks are spread over time.
 */
const NO_SWEEP = 0

interface PeerState {
  connection: ClientConnection
  documentName?: string
  /** The TCP socket, corked per turn so the replies to a burst of frames leave in one write. */
  tcp: ReturnType<typeof tcpSocketOf>
}

function transportFor(
  socket: WebSocketLike,
  connection: () => ClientConnection | undefined,
): SocketTransport {
  return {
    refuse(code, reason) {
      const established = (
        connection() as unknown as { documentConnections?: Record<string, unknown> }
      )?.documentConnections
      if (established && Object.keys(established).length > 0) return
      socket.close(code, reason)
    },
    close(code, reason) {
      socket.close(code, reason)
    },
  }
}

export function createUpgradeHandler(options: UpgradeOptions) {
  const { hocuspocus, logger } = options
  const states = new WeakMap<object, PeerState>()

  const collab = crossws({
    idleTimeout: NO_SWEEP,
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        const socket = peer.websocket as unknown as WebSocketLike
        let connection: ClientConnection | undefined
        const context: ConnectionContext = { transport: transportFor(socket, () => connection) }
        connection = hocuspocus.handleConnection(
          socket,
          connectionRequest(peer.request as Request),
          context,
        )
        states.set(peer, { connection, tcp: tcpSocketOf(socket) })
      },
      message(peer, message) {
        const state = states.get(peer)
        if (!state) return
        corkUntilNextTurn(state.tcp)
        state.connection.handleMessage(message.uint8Array())
      },
      close(peer, event) {
        states
          .get(peer)
          ?.connection.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' })
      },
      error(peer, error) {
        logger.debug({ err: error, peer: peer.id }, 'websocket error')
      },
    },
  })

  const yjs = crossws({
    idleTimeout: NO_SWEEP,
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        // Both parse: the upgrade handler below refused the request otherwise.
        const url = new URL(peer.request.url)
        const documentName = yjsDocumentName(url.pathname) as string
        const raw = peer.websocket as unknown as WebSocketLike
        const socket = bridgeSocket(raw)
        const context: ConnectionContext = {
          transport: {
            refuse: (code, reason) => raw.close(code, reason),
            close: (code, reason) => raw.close(code, reason),
          },
        }
        const connection = hocuspocus.handleConnection(
          socket,
          connectionRequest(peer.request as Request),
          context,
        )
        states.set(peer, { connection, documentName, tcp: tcpSocketOf(raw) })
        connection.handleMessage(authMessage(documentName, url.searchParams.get('token') ?? ''))
      },
      message(peer, message) {
        const state = states.get(peer)
        if (state?.documentName === undefined) return
        corkUntilNextTurn(state.tcp)
        state.connection.handleMessage(toHocuspocus(state.documentName, message.uint8Array()))
      },
      close(peer, event) {
        states
          .get(peer)
          ?.connection.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' })
      },
      error(peer, error) {
        logger.debug({ err: error, peer: peer.id }, 'websocket error')
      },
    },
  })

  return (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'))
    if (!options.accepting()) return rejectUpgrade(socket, 503, 'Service Unavailable')
    // The URL as crossws builds it, from the Host header and the request target: one that makes
    // no URL (`GET //[`, `Host: a b`) is refused here with a clear status, before anything
    // downstream parses it (this runs in the server's 'upgrade' listener: a throw here would
    // end the process).
    const url = URL.parse(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`)
    if (!url) return rejectUpgrade(socket, 400, 'Bad Request')
    if (url.pathname === '/collab') return void collab.handleUpgrade(request, socket, head)
    if (url.pathname.startsWith('/yjs/') && url.pathname.length > '/yjs/'.length) {
      if (yjsDocumentName(url.pathname) === null) return rejectUpgrade(socket, 400, 'Bad Request')
      return void yjs.handleUpgrade(request, socket, head)
    }
    rejectUpgrade(socket, 404, 'Not Found')
  }
}

/** The document name of a `/yjs/<name>` path, or null when its escapes are malformed. */
function yjsDocumentName(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice('/yjs/'.length))
  } catch {
    return null
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

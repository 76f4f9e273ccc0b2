/**
 * Routes WebSocket upgrades: `/collab` (Hocuspocus protocol) and `/yjs/<documentName>`
 * (y-websocket protocol, bridged). Frames above `maxMessageBytes` close that socket with 1009;
 * a malformed frame closes that socket; neither reaches the rest of the node.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server'
import crossws from 'crossws/adapters/node'
import type { ConnectionContext, SocketState, SocketTransport } from '../context.ts'
import { originAllowed } from '../http/originPolicy.ts'
import { tcpSocketOf } from '../libraryInternals/ws.ts'
import type { AuthFailureThrottle } from '../limits/AuthFailureThrottle.ts'
import type { ConnectionLimits } from '../limits/ConnectionLimits.ts'
import { clientAddress, requestSource, type TrustedProxies } from '../limits/clientAddress.ts'
import type { RefusalReporter } from '../limits/RefusalReporter.ts'
import { pausableOf, type RateSettings, SocketRate } from '../limits/SocketRate.ts'
import type { Logger } from '../logger.ts'
import { CloseCodes } from '../refusals.ts'
import type { AwarenessRenewals } from './AwarenessRenewals.ts'
import { connectionRequest } from './connectionRequest.ts'
import { corkUntilNextTurn } from './corkPerTurn.ts'
import { type SendAhead, sendAhead } from './firstSyncAhead.ts'
import { authMessage, bridgeSocket, toHocuspocus } from './YWebsocketBridge.ts'

export interface UpgradeOptions {
  hocuspocus: Hocuspocus
  maxMessageBytes: number
  logger: Logger
  /** False once shutdown began: new sockets are refused so clients go to another node. */
  accepting: () => boolean
  /** AUTH_TIMEOUT_MS: a socket with no authenticated document by then is closed (4408). */
  authTimeoutMs: number
  rate: RateSettings
  proxies: TrustedProxies
  throttle: AuthFailureThrottle
  connectionLimits: ConnectionLimits
  refusals: RefusalReporter
  /** ALLOWED_ORIGINS: browser origins besides the node's own that may open a socket. */
  allowedOrigins: string[]
  /** Answers awareness renewals without Hocuspocus's per-message path (decision 0165). */
  renewals: AwarenessRenewals
}

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

/**
 * crossws's keep-alive sweep is off: it pings every socket from one timer, one event-loop turn
 * of ~0.4–0.5 s at 10,000 sockets (docs/benchmarks.md, scenario 4). Silent sockets are still
 * closed: each Hocuspocus connection checks its own idle time (`timeout` in createNode), on a
 * timer of its own, so the checks are spread over time.
 */
const NO_SWEEP = 0

/** How long a flooding socket's close frame gets to reach its client before the TCP end. */
const FLOOD_CLOSE_GRACE_MS = 1_000

/**
 * One socket's standing with the node: its Hocuspocus connection, its per-socket limits (the
 * authentication deadline, the rate limit), its record against the node's limits (SocketState)
 * and the transport the node's hooks refuse and close it through (SocketTransport). One object
 * whose methods the limits and hooks call, rather than closures and records made per socket:
 * 10,000 idle sockets on one node are scenario 4's point.
 */
class Peer implements SocketState, SocketTransport {
  /** Set right after construction: Hocuspocus needs the context (this) to make it. */
  connection: ClientConnection | undefined
  /** The document of a /yjs/<name> socket (y-websocket carries one); undefined on /collab. */
  readonly documentName: string | undefined
  /** The TCP socket, corked per turn so the replies to a burst of frames leave in one write. */
  readonly tcp: ReturnType<typeof tcpSocketOf>
  readonly rate: SocketRate
  readonly source: string
  readonly documents = new Set<string>()
  userId: string | undefined
  /** Until it fires, a document is admitted or the socket closes (then dropped, so the timer is not kept). */
  authDeadline: ReturnType<typeof setTimeout> | undefined
  private readonly websocket: WebSocketLike & { terminate?: () => void }
  private readonly options: UpgradeOptions

  constructor(
    options: UpgradeOptions,
    websocket: WebSocketLike,
    source: string,
    documentName?: string,
  ) {
    this.options = options
    this.websocket = websocket
    this.connection = undefined
    this.documentName = documentName
    this.tcp = tcpSocketOf(websocket)
    this.source = source
    this.userId = undefined
    this.authDeadline = setTimeout(authExpired, options.authTimeoutMs, this)
    this.authDeadline.unref()
    this.rate = new SocketRate(options.rate, pausableOf(websocket), this)
  }

  /** SocketState: a document was admitted, so the authentication deadline no longer applies. */
  authenticated() {
    clearTimeout(this.authDeadline)
    this.authDeadline = undefined
  }

  /** SocketTransport: closes the socket unless another document is established on it. */
  refuse(code: number, reason: string) {
    // A socket with an authenticated document keeps it: a refusal ends only a socket that has
    // nothing else (our own record, set when a document is admitted, not Hocuspocus's
    // documentConnections, which fills only once the document has loaded). A y-websocket
    // socket carries one document, so a refusal always ends it.
    if (this.documentName === undefined && this.documents.size > 0) return
    this.websocket.close(code, reason)
  }

  /** SocketTransport: closes the socket, whatever else it carries. */
  close(code: number, reason: string) {
    this.websocket.close(code, reason)
  }

  /** SocketTransport: a large first sync sent ahead (decision 0166), on /collab sockets only. */
  sendAhead(...[documentName, update]: Parameters<SendAhead>): ReturnType<SendAhead> {
    if (!this.connection || this.documentName !== undefined) return Promise.resolve(null)
    return sendAhead(this.connection, this.websocket, documentName, update)
  }

  /** Reports the refusal of the socket itself (a limit of its own) and closes it with it. */
  end(code: number, reason: string) {
    this.options.refusals.report({
      code,
      reason,
      documentName: [...this.documents][0] ?? '',
      userId: null,
      source: this.source,
    })
    this.websocket.close(code, reason)
  }

  /** SocketRate: over the limit for too long. */
  flooded() {
    this.end(CloseCodes.sendingTooFast, 'sending too fast')
    // The client's answer to our close frame sits behind its backlog, which this paused socket
    // will not read: end the TCP connection once the close frame has had time to leave.
    setTimeout(terminate, FLOOD_CLOSE_GRACE_MS, this.websocket).unref()
  }

  /** The socket closed. */
  closed() {
    clearTimeout(this.authDeadline)
    this.authDeadline = undefined
    this.rate.end()
    this.options.connectionLimits.release(this)
  }
}

function authExpired(peer: Peer) {
  peer.authDeadline = undefined
  if (peer.documents.size === 0 && peer.userId === undefined) {
    peer.end(CloseCodes.authenticationTimeout, 'no authentication in time')
  }
}

function terminate(websocket: { terminate?: () => void }) {
  websocket.terminate?.()
}

export function createUpgradeHandler(options: UpgradeOptions) {
  const { hocuspocus, logger } = options
  const states = new WeakMap<object, Peer>()
  const sourceOf = (peer: { remoteAddress?: string; request: Request }) =>
    clientAddress(peer.remoteAddress, peer.request.headers.get('x-forwarded-for'), options.proxies)

  const collab = crossws({
    idleTimeout: NO_SWEEP,
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        const socket = peer.websocket as unknown as WebSocketLike
        const state = new Peer(options, socket, sourceOf(peer))
        const context: ConnectionContext = { transport: state, socket: state }
        state.connection = hocuspocus.handleConnection(
          socket,
          connectionRequest(peer.request as Request),
          context,
        )
        states.set(peer, state)
      },
      message(peer, message) {
        const state = states.get(peer)
        if (!state?.connection) return
        const bytes = message.uint8Array()
        if (!state.rate.received(bytes.byteLength)) return
        if (options.renewals.absorb(peer.websocket as unknown as WebSocketLike, bytes)) {
          // Hocuspocus closes a socket it has not heard from within its `timeout`.
          state.connection.lastMessageReceivedAt = Date.now()
          return
        }
        corkUntilNextTurn(state.tcp)
        state.connection.handleMessage(bytes)
      },
      close(peer, event) {
        const state = states.get(peer)
        if (!state) return
        state.closed()
        state.connection?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' })
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
        const state = new Peer(options, raw, sourceOf(peer), documentName)
        const context: ConnectionContext = { transport: state, socket: state }
        const connection = hocuspocus.handleConnection(
          socket,
          connectionRequest(peer.request as Request),
          context,
        )
        state.connection = connection
        states.set(peer, state)
        connection.handleMessage(authMessage(documentName, url.searchParams.get('token') ?? ''))
      },
      message(peer, message) {
        const state = states.get(peer)
        if (state?.documentName === undefined || !state.connection) return
        const bytes = message.uint8Array()
        if (!state.rate.received(bytes.byteLength)) return
        corkUntilNextTurn(state.tcp)
        state.connection.handleMessage(toHocuspocus(state.documentName, bytes))
      },
      close(peer, event) {
        const state = states.get(peer)
        if (!state) return
        state.closed()
        state.connection?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' })
      },
      error(peer, error) {
        logger.debug({ err: error, peer: peer.id }, 'websocket error')
      },
    },
  })

  // One listener for every socket (a closure per socket stays as long as the socket does).
  const socketError = (error: Error) => logger.debug({ err: error }, 'upgrade socket error')

  return (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', socketError)
    if (!options.accepting()) return rejectUpgrade(socket, 503, 'Service Unavailable')
    // Another site's page must not open a socket with this browser's credentials (CSWSH).
    if (!originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)) {
      return rejectUpgrade(socket, 403, 'Forbidden')
    }
    const source = requestSource(request, options.proxies)
    if (options.throttle.isBanned(source)) {
      options.refusals.report({
        code: CloseCodes.authenticationThrottled,
        reason: 'too many failed authentications from this address',
        documentName: '',
        userId: null,
        source,
      })
      return rejectUpgrade(socket, 429, 'Too Many Requests')
    }
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

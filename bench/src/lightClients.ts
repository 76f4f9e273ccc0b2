/**
 * Clients that speak the wire protocol directly, without a provider or a replica of the
 * document, so that hundreds of them fit in one client process without that process becoming
 * what a benchmark measures. The server does the same work for them as for a full provider: it
 * sends them the document and every update, and applies what they send.
 */
import { MessageType } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { nowMicros } from './clientProcess.ts'
import type { Protocol } from './fleets.ts'

/**
 * Message types are Hocuspocus's (y-websocket uses the same numbers for Sync and Awareness);
 * the sync steps are y-protocols/sync's, and the token sub-type @hocuspocus/common's
 * AuthMessageType.Token — packages the bench does not depend on directly.
 */
const { Sync: MESSAGE_SYNC, Awareness: MESSAGE_AWARENESS, Auth: MESSAGE_AUTH } = MessageType
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2
const AUTH_TOKEN = 0
const HOCUSPOCUS_PROVIDER_VERSION = '4.7.0'
/** The state vector of an empty document (no clients). */
const EMPTY_STATE_VECTOR = new Uint8Array([0])
/** An awareness update about no clients: changes nothing, but it is a message. */
const EMPTY_AWARENESS = new Uint8Array([0])
/**
 * Hocuspocus closes a connection that has sent nothing for its `timeout` (30 s in ours): a peer
 * that only reads says something this often.
 */
const KEEP_ALIVE_MS = 10_000
const JOIN_TIMEOUT_MS = 60_000

export interface LightPeer {
  /** Frames and bytes the server sent this peer. */
  frames: number
  bytes: number
  /**
   * Resolves once the server answered the peer's SyncStep1 (the document is loaded and the peer
   * is one of its connections); rejects if the socket closes first or after a minute.
   */
  joined: Promise<void>
  /** The socket closed (whatever was sent after that is lost). */
  closed: boolean
  /** Sends one Yjs update (V1) as a provider sends a local change. */
  sendUpdate(update: Uint8Array): void
  /** Bytes handed to `sendUpdate` that have not reached the kernel yet. */
  buffered(): number
  close(): void
}

/** Called with every document update the server sends (SyncStep2 or Update) and when it arrived. */
export type UpdateListener = (update: Uint8Array, arrivedMicros: number) => void

/**
 * Joins a document: for Hocuspocus an Authentication message (empty token, as testkit's clients
 * send in dev mode) and a SyncStep1 with an empty state vector; for y-websocket the SyncStep1
 * alone. Every frame the server sends is counted; with `onUpdate`, document updates are cut out
 * of their frames (a few varints read, nothing decoded) and handed over. Unlike a provider it
 * sends no awareness state of its own and does not answer the server's SyncStep1 (it has
 * nothing the server lacks); every 10 s it sends an empty awareness update so that the server's
 * idle timeout does not close a peer that only reads.
 */
export function connectLightPeer(
  protocol: Protocol,
  wsUrl: string,
  documentName: string,
  onUpdate?: UpdateListener,
): LightPeer {
  const url = protocol === 'y-websocket' ? `${wsUrl}/${documentName}` : `${wsUrl}/collab`
  const socket = new WebSocket(url)
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    if (protocol === 'hocuspocus') encoding.writeVarString(encoder, documentName)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }
  let markJoined = () => {}
  let failJoin = (_error: Error) => {}
  const joined = new Promise<void>((resolve, reject) => {
    markJoined = resolve
    failJoin = reject
  })
  joined.catch(() => {})
  const joinTimer = setTimeout(
    () => failJoin(new Error(`${documentName}: not joined in ${JOIN_TIMEOUT_MS} ms`)),
    JOIN_TIMEOUT_MS,
  )
  const peer: LightPeer = {
    frames: 0,
    bytes: 0,
    joined,
    closed: false,
    sendUpdate(update) {
      socket.send(
        frame((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC)
          encoding.writeVarUint(encoder, SYNC_UPDATE)
          encoding.writeVarUint8Array(encoder, update)
        }),
      )
    },
    buffered: () => socket.bufferedAmount,
    close() {
      clearInterval(keepAlive)
      socket.terminate()
    },
  }
  let keepAlive: NodeJS.Timeout | undefined
  socket.on('error', () => {})
  socket.on('close', (code) => {
    peer.closed = true
    clearTimeout(joinTimer)
    clearInterval(keepAlive)
    failJoin(new Error(`${documentName}: socket closed (${code}) before joining`))
  })
  socket.on('message', (data: Buffer) => {
    const arrived = nowMicros()
    peer.frames++
    peer.bytes += data.length
    const decoder = decoding.createDecoder(data)
    if (protocol === 'hocuspocus') decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return
    const kind = decoding.readVarUint(decoder)
    if (kind === SYNC_STEP_2) {
      clearTimeout(joinTimer)
      markJoined()
    }
    if (onUpdate && (kind === SYNC_STEP_2 || kind === SYNC_UPDATE))
      onUpdate(decoding.readVarUint8Array(decoder), arrived)
  })
  socket.on('open', () => {
    if (protocol === 'hocuspocus') {
      socket.send(
        frame((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AUTH)
          encoding.writeVarUint(encoder, AUTH_TOKEN)
          encoding.writeVarString(encoder, '')
          encoding.writeVarString(encoder, HOCUSPOCUS_PROVIDER_VERSION)
        }),
      )
    }
    socket.send(
      frame((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        encoding.writeVarUint(encoder, SYNC_STEP_1)
        encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR)
      }),
    )
    keepAlive = setInterval(() => {
      socket.send(
        frame((encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
          encoding.writeVarUint8Array(encoder, EMPTY_AWARENESS)
        }),
      )
    }, KEEP_ALIVE_MS)
  })
  return peer
}

/**
 * The values a Yjs update writes into maps or arrays as plain JSON (`ContentAny`), found by
 * decoding the update's structs without applying them to a document.
 */
export function valuesWritten(update: Uint8Array): unknown[] {
  const values: unknown[] = []
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny)
      values.push(...struct.content.getContent())
  }
  return values
}

/**
 * A raw Hocuspocus-protocol socket for attacks a well-behaved provider would never send: frames
 * are built by hand (document name, message type, payload), so a test can publish awareness for
 * another client's id or flood a node.
 */
import { AuthMessageType, writeAuthentication } from '@hocuspocus/common'
import { MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { writeSyncStep1 } from 'y-protocols/sync'
import * as Y from 'yjs'

export interface ProtocolSocket {
  socket: WebSocket
  /** Every message the server sent, as received. */
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(documentName: string, type: number, write: (encoder: encoding.Encoder) => void): void
  /** Sends the auth message and resolves with the server's answer ("authenticated" or a reason). */
  authenticate(documentName: string, token: string): Promise<string>
  /**
   * Sends a sync step 1 and resolves on the server's sync answer: the document is loaded and this
   * socket's connection to it established (before that, Hocuspocus queues what the socket sends,
   * up to a small bound past which it resets the socket).
   */
  established(documentName: string): Promise<void>
}

export function openProtocolSocket(
  wsUrl: string,
  headers: Record<string, string> = {},
): Promise<ProtocolSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/collab`, { headers })
    const received: Uint8Array[] = []
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    )
    const authWaiters: ((answer: string) => void)[] = []
    const syncWaiters = new Map<string, () => void>()
    socket.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data)
      received.push(bytes)
      const decoder = decoding.createDecoder(bytes)
      const documentName = decoding.readVarString(decoder)
      const type = decoding.readVarUint(decoder)
      if (type === MessageType.Sync) {
        syncWaiters.get(documentName)?.()
        syncWaiters.delete(documentName)
      }
      if (type !== MessageType.Auth) return
      const subtype = decoding.readVarUint(decoder)
      const answer =
        subtype === AuthMessageType.Authenticated
          ? 'authenticated'
          : decoding.readVarString(decoder)
      authWaiters.shift()?.(answer)
    })
    socket.on('error', reject)
    socket.on('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    )
    socket.on('open', () => {
      const protocolSocket: ProtocolSocket = {
        socket,
        received,
        closed,
        send(documentName, type, write) {
          const encoder = encoding.createEncoder()
          encoding.writeVarString(encoder, documentName)
          encoding.writeVarUint(encoder, type)
          write(encoder)
          socket.send(encoding.toUint8Array(encoder))
        },
        authenticate(documentName, token) {
          const answer = new Promise<string>((done) => authWaiters.push(done))
          protocolSocket.send(documentName, MessageType.Auth, (encoder) =>
            writeAuthentication(encoder, token),
          )
          return Promise.race([
            answer,
            closed.then(({ code, reason }) => `closed ${code} ${reason}`),
          ])
        },
        established(documentName) {
          const answered = new Promise<void>((done) => syncWaiters.set(documentName, done))
          protocolSocket.send(documentName, MessageType.Sync, (encoder) =>
            writeSyncStep1(encoder, new Y.Doc()),
          )
          return Promise.race([
            answered,
            closed.then(({ code }) => {
              throw new Error(`closed (${code}) before ${documentName} was established`)
            }),
          ])
        },
      }
      resolve(protocolSocket)
    })
  })
}

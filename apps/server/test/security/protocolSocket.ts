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

export interface ProtocolSocket {
  socket: WebSocket
  /** Every message the server sent, as received. */
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(documentName: string, type: number, write: (encoder: encoding.Encoder) => void): void
  /** Sends the auth message and resolves with the server's answer ("authenticated" or a reason). */
  authenticate(documentName: string, token: string): Promise<string>
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
    socket.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data)
      received.push(bytes)
      const decoder = decoding.createDecoder(bytes)
      decoding.readVarString(decoder)
      if (decoding.readVarUint(decoder) !== MessageType.Auth) return
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
      }
      resolve(protocolSocket)
    })
  })
}

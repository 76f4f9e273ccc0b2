// Contract of the ClientConnection internal the node uses (clientConnection.ts), on a real
// Hocuspocus: fails when an upgrade stops queuing a socket's frames, by address, while its
// document connection is being set up.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { writeAuthentication } from '@hocuspocus/common'
import { Hocuspocus, MessageType, type WebSocketLike } from '@hocuspocus/server'
import * as encoding from 'lib0/encoding'
import { writeSyncStep1 } from 'y-protocols/sync'
import * as Y from 'yjs'
import { queuedFramesOf } from './clientConnection.ts'

function frame(address: string, type: number, write: (encoder: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, address)
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

test('frames sent while a document connection is set up are queued under their address', async () => {
  let admit: () => void = () => {}
  const admitted = new Promise<void>((resolve) => {
    admit = resolve
  })
  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [{ onAuthenticate: () => admitted }],
  })
  const sent: Uint8Array[] = []
  const socket: WebSocketLike = {
    readyState: 1,
    send: (data: Uint8Array) => void sent.push(data),
    close: () => {},
  } as unknown as WebSocketLike
  const connection = hocuspocus.handleConnection(socket, new Request('http://localhost/collab'))
  const request = frame('grid:queued', MessageType.Sync, (encoder) =>
    writeSyncStep1(encoder, new Y.Doc()),
  )
  connection.handleMessage(
    frame('grid:queued', MessageType.Auth, (encoder) => writeAuthentication(encoder, 'token')),
  )
  connection.handleMessage(request)
  try {
    const queued = queuedFramesOf(connection).get('grid:queued')
    assert.ok(queued, 'a queue for the address')
    assert.equal(queued.at(-1), request)
  } finally {
    // Closed before admitting: no document is created (it would hold timers of its own).
    connection.handleClose()
    admit()
  }
})

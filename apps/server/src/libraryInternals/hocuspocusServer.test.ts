// Contract of the @hocuspocus/server internals the node uses (hocuspocusServer.ts), against a
// real Hocuspocus: fails when an upgrade renames or reshapes them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Hocuspocus, type WebSocketLike } from '@hocuspocus/server'
import { waitFor } from '@weft/testkit'
import { authMessage } from '../websocket/YWebsocketBridge.ts'
import { hasEstablishedDocuments } from './hocuspocusServer.ts'

function fakeSocket(): WebSocketLike & { closed: boolean } {
  return {
    readyState: 1,
    closed: false,
    send() {},
    close() {
      this.closed = true
    },
  }
}

test('a socket counts as carrying documents once one is established, and not after it closes', async () => {
  const hocuspocus = new Hocuspocus({ quiet: true })
  const socket = fakeSocket()
  const connection = hocuspocus.handleConnection(socket, new Request('http://localhost/collab'))
  assert.equal(hasEstablishedDocuments(connection), false, 'nothing established yet')
  connection.handleMessage(authMessage('grid:contract', 'any'))
  await waitFor('the document is established', () => hasEstablishedDocuments(connection))
  connection.handleClose({ code: 1000, reason: '' })
  await waitFor('the document connection is gone', () => !hasEstablishedDocuments(connection))
  assert.equal(hasEstablishedDocuments(undefined), false)
})

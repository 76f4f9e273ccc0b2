// Contract of the `ws` internals the node uses (ws.ts), on a real crossws Node adapter and a
// real client: fails when crossws or ws stop handing out a WebSocket with its TCP socket.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Socket } from 'node:net'
import { test } from 'node:test'
import crossws from 'crossws/adapters/node'
import WebSocket from 'ws'
import { pausableOf } from '../limits/SocketRate.ts'
import { tcpSocketOf } from './ws.ts'

test("a crossws peer's websocket has its TCP socket under _socket, and can be paused", async () => {
  let opened: (websocket: unknown) => void = () => {}
  const peerSocket = new Promise<unknown>((resolve) => {
    opened = resolve
  })
  const ws = crossws({ hooks: { open: (peer) => opened(peer.websocket) } })
  const server = createServer()
  server.on('upgrade', (request, socket, head) => void ws.handleUpgrade(request, socket, head))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  try {
    const [websocket] = await Promise.all([peerSocket, once(client, 'open')])
    const tcp = tcpSocketOf(websocket)
    assert.ok(tcp instanceof Socket, 'the TCP socket, as corkPerTurn needs it')
    assert.ok(pausableOf(websocket), 'pause/resume/isPaused, as SocketRate needs them')
    assert.equal(typeof (websocket as { terminate?: unknown }).terminate, 'function')
  } finally {
    client.terminate()
    server.closeAllConnections()
    server.close()
  }
})

import assert from 'node:assert/strict'
import { once } from 'node:events'
import { connect, createServer, type Socket } from 'node:net'
import { test } from 'node:test'
import { tcpSocketOf } from '../libraryInternals/ws.ts'
import { corkUntilNextTurn } from './corkPerTurn.ts'

async function socketPair(): Promise<{ writer: Socket; reader: Socket; close: () => void }> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  const accepted = once(server, 'connection')
  const writer = connect(address.port, '127.0.0.1')
  await once(writer, 'connect')
  const [reader] = (await accepted) as [Socket]
  return {
    writer,
    reader,
    close: () => {
      writer.destroy()
      reader.destroy()
      server.close()
    },
  }
}

test('writes of one turn are held, then all delivered in order after the turn', async () => {
  const { writer, reader, close } = await socketPair()
  try {
    let received = ''
    reader.setEncoding('utf8')
    reader.on('data', (chunk: string) => {
      received += chunk
    })
    corkUntilNextTurn(writer)
    corkUntilNextTurn(writer) // a second frame in the same turn does not cork twice
    for (let i = 0; i < 100; i++) writer.write(`${i},`)
    assert.equal(writer.writableCorked, 1, 'held during the turn')
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(writer.writableCorked, 0, 'released after the turn')
    const expected = Array.from({ length: 100 }, (_, i) => `${i},`).join('')
    while (received.length < expected.length) await once(reader, 'data')
    assert.equal(received, expected)
  } finally {
    close()
  }
})

test('the TCP socket is found under a ws-like WebSocket, and nothing breaks without one', () => {
  const fake = { cork() {}, uncork() {} }
  assert.equal(tcpSocketOf({ _socket: fake }), fake)
  assert.equal(tcpSocketOf({}), null)
  assert.equal(tcpSocketOf(null), null)
  corkUntilNextTurn(null)
})

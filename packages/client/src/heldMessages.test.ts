import assert from 'node:assert/strict'
import { test } from 'node:test'
import { holdIncomingMessages } from './heldMessages.ts'

/** A socket the test drives: what a browser's WebSocket dispatches, without a network. */
class DrivenSocket extends EventTarget {
  receive(data: string) {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
  closeNow() {
    this.dispatchEvent(new Event('close'))
  }
}

function open(hold: ReturnType<typeof holdIncomingMessages>) {
  const socket = new hold.WebSocket('ws://node/collab') as unknown as DrivenSocket
  const seen: string[] = []
  const listener = (event: Event) => seen.push(String((event as MessageEvent).data))
  socket.addEventListener('message', listener)
  return { socket, seen, listener }
}

test('messages wait until release, then arrive in order, and later ones at once', () => {
  const hold = holdIncomingMessages(DrivenSocket as unknown as typeof WebSocket)
  const { socket, seen } = open(hold)
  socket.receive('auth')
  socket.receive('sync')
  assert.deepEqual(seen, [])
  hold.release()
  assert.deepEqual(seen, ['auth', 'sync'])
  socket.receive('update')
  assert.deepEqual(seen, ['auth', 'sync', 'update'])
  assert.equal(hold.held, false)
})

test('a socket closed while held drops what it held; its successor is held and released', () => {
  const hold = holdIncomingMessages(DrivenSocket as unknown as typeof WebSocket)
  const first = open(hold)
  first.socket.receive('old sync')
  first.socket.closeNow()
  const second = open(hold)
  second.socket.receive('new sync')
  hold.release()
  assert.deepEqual(first.seen, [])
  assert.deepEqual(second.seen, ['new sync'])
})

test('a listener removed while held gets nothing of what was held for it', () => {
  const hold = holdIncomingMessages(DrivenSocket as unknown as typeof WebSocket)
  const { socket, seen, listener } = open(hold)
  socket.receive('sync')
  socket.removeEventListener('message', listener)
  hold.release()
  socket.receive('update')
  assert.deepEqual(seen, [])
})

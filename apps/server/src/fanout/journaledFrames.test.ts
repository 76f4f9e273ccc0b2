import assert from 'node:assert/strict'
import { test } from 'node:test'
import { OutgoingMessage } from '@hocuspocus/server'
import { createEncoder, toUint8Array, writeVarString, writeVarUint } from 'lib0/encoding'
import { writeSyncStep2 } from 'y-protocols/sync'
import * as Y from 'yjs'
import { isJournaledUpdate, JOURNALED_MARK, unjournaledFrame } from './journaledFrames.ts'

const identifier = `node-a-0f0f${JOURNALED_MARK}`

function frame(sender: string, message: Uint8Array): Buffer {
  const id = Buffer.from(sender, 'utf-8')
  return Buffer.concat([Buffer.from([id.length]), id, message])
}

const doc = new Y.Doc()
doc.getText('text').insert(0, 'x')
const update = new OutgoingMessage('grid:a')
  .createSyncMessage()
  .writeUpdate(Y.encodeStateAsUpdate(doc))
  .toUint8Array()

test('an update under a marked identifier is journaled', () => {
  assert.equal(isJournaledUpdate(frame(identifier, update)), true)
})

test('the same update sent as unjournaled, or by a node without the mark, is not', () => {
  assert.equal(isJournaledUpdate(unjournaledFrame(identifier, update)), false)
  assert.equal(isJournaledUpdate(frame('node-old-0f0f', update)), false)
})

test('a sync answer is never journaled, whoever sends it', () => {
  const encoder = createEncoder()
  writeVarString(encoder, 'grid:a')
  writeVarUint(encoder, 0) // a sync message
  writeSyncStep2(encoder, doc)
  assert.equal(isJournaledUpdate(frame(identifier, toUint8Array(encoder))), false)
  const step2 = new OutgoingMessage('grid:a').createSyncReplyMessage()
  step2.writeUpdate(Y.encodeStateAsUpdate(doc))
  assert.equal(isJournaledUpdate(frame(identifier, step2.toUint8Array())), false)
})

test('an unreadable frame is not journaled', () => {
  assert.equal(isJournaledUpdate(Buffer.from([200, 1, 2])), false)
  assert.equal(isJournaledUpdate(Buffer.alloc(0)), false)
})

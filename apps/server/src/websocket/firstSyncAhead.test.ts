// The update message sent ahead is built by hand (one copy of tens of megabytes instead of two):
// a provider must read it exactly as the message lib0's encoder would have made.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsUpdate } from 'y-protocols/sync'
import { updateMessage } from './firstSyncAhead.ts'

function encodedByLib0(address: string, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, address)
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, messageYjsUpdate)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

test('the update message sent ahead is the message lib0 encodes, byte for byte', () => {
  // Sizes on both sides of the varint length's byte boundaries, and a large one.
  for (const size of [0, 1, 127, 128, 16_383, 16_384, 3_000_000]) {
    const update = new Uint8Array(size).map((_, i) => (i * 31 + size) % 256)
    for (const address of ['grid:a', 'grid:é\0share']) {
      const message = updateMessage(address, update)
      assert.deepEqual(message, encodedByLib0(address, update), `size ${size}`)
      const decoder = decoding.createDecoder(message)
      assert.equal(decoding.readVarString(decoder), address)
      assert.equal(decoding.readVarUint(decoder), MessageType.Sync)
      assert.equal(decoding.readVarUint(decoder), messageYjsUpdate)
      assert.deepEqual(decoding.readVarUint8Array(decoder), update)
    }
  }
})

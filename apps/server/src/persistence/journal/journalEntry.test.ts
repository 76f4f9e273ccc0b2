// A turn's journal entry gives back every update with its row's key and attribution, and entries
// of the earlier one-update format, which a dead node of the previous image may have left, still
// decode.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { LoggedUpdate } from '@weft/db'
import { decodeEntry, entryFields, entryId, seqOfId } from './journalEntry.ts'

const asBuffers = (fields: (string | Buffer)[]) =>
  fields.map((field) => (typeof field === 'string' ? Buffer.from(field) : field))

const turn: LoggedUpdate[] = [
  {
    documentName: 'code:project/main.ts',
    updateKey: 'node-a:boot1:41',
    update: new Uint8Array([1, 2, 3]),
    userId: 'u-1',
    userName: 'Ada Lovelace',
    nodeId: 'node-a',
    receivedAt: new Date(1_764_800_000_123),
  },
  {
    documentName: 'grid:sheet',
    updateKey: 'node-a:boot1:42',
    update: new Uint8Array(300).fill(7),
    userId: null,
    userName: null,
    nodeId: 'node-a',
    receivedAt: new Date(1_764_800_000_456),
  },
]

test('a turn decodes to its updates, keys and attribution, in order', () => {
  assert.deepEqual(decodeEntry(asBuffers(entryFields(turn))), turn)
})

test('an entry of the earlier one-update format still decodes', () => {
  const fields = asBuffers([
    'd',
    'text:old',
    'k',
    'node-b:boot0:7',
    'u',
    Buffer.from([9, 9]),
    'n',
    'node-b',
    't',
    '1764800000789',
    'ui',
    'u-2',
  ])
  assert.deepEqual(decodeEntry(fields), [
    {
      documentName: 'text:old',
      updateKey: 'node-b:boot0:7',
      update: new Uint8Array([9, 9]),
      userId: 'u-2',
      userName: null,
      nodeId: 'node-b',
      receivedAt: new Date(1_764_800_000_789),
    },
  ])
})

test('one document of a turn, as a load asks for it', () => {
  assert.deepEqual(decodeEntry(asBuffers(entryFields(turn)), 'grid:sheet'), [turn[1]])
})

test('a malformed entry gives no rows rather than a wrong one', () => {
  const [meta, metaValue, bytes, bytesValue] = entryFields(turn) as [string, string, string, Buffer]
  const cut = bytesValue.subarray(0, bytesValue.length - 5)
  assert.deepEqual(decodeEntry(asBuffers([meta, metaValue, bytes, cut])), [])
  assert.deepEqual(decodeEntry(asBuffers([meta, '[["x"]]', bytes, bytesValue])), [])
  assert.deepEqual(decodeEntry(asBuffers([meta, '{not json', bytes, bytesValue])), [])
  assert.deepEqual(decodeEntry(asBuffers(['d', 'text:x', 'k', 'key'])), [])
})

test('entry ids carry the sequence number they are trimmed by', () => {
  assert.equal(seqOfId(entryId(42)), 42)
})

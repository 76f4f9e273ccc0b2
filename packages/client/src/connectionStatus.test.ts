import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CloseCodes, closeReasonInWords } from '@weft/protocol/closeCodes'
import { deriveStatus } from './connectionStatus.ts'

const base = {
  socket: 'connected',
  synced: true,
  everSynced: true,
  unsyncedChanges: 0,
  online: true,
} as const

test('connected only once synced', () => {
  assert.equal(deriveStatus(base).state, 'connected')
  assert.equal(deriveStatus({ ...base, synced: false, everSynced: false }).state, 'connecting')
})

test('a dropped socket after a sync is reconnecting, with edits still pending', () => {
  assert.deepEqual(
    deriveStatus({ ...base, socket: 'connecting', synced: false, unsyncedChanges: 3 }),
    {
      state: 'reconnecting',
      pendingEdits: 3,
    },
  )
})

test('no network is offline whatever the socket thinks', () => {
  assert.deepEqual(deriveStatus({ ...base, online: false, unsyncedChanges: 2 }), {
    state: 'offline',
    pendingEdits: 2,
  })
})

test('a refusal or a limit is said in words until the next sync', () => {
  const closed = { ...base, socket: 'connecting', synced: false, everSynced: false } as const
  assert.deepEqual(
    deriveStatus({ ...closed, problem: 'too many open tabs: close some and reload' }),
    {
      state: 'connecting',
      pendingEdits: 0,
      problem: 'too many open tabs: close some and reload',
    },
  )
  assert.equal(deriveStatus({ ...base, problem: 'stale' }).problem, undefined)
})

test('every close code a node sends has words, ordinary closes none', () => {
  for (const code of Object.values(CloseCodes)) assert.ok(closeReasonInWords(code), String(code))
  assert.match(closeReasonInWords(CloseCodes.tooManyConnections) ?? '', /too many open tabs/)
  assert.equal(closeReasonInWords(1000), null)
  assert.equal(closeReasonInWords(1006), null)
})

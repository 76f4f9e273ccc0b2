import assert from 'node:assert/strict'
import { test } from 'node:test'
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

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CloseCodes, closeReasonInWords, UNREACHABLE_WORDS } from '@weft/protocol/closeCodes'
import { deriveStatus, watchConnectionStatus } from './connectionStatus.ts'

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

test('storage down, the unsaved bound and an unreachable server have words with what to do', () => {
  assert.match(closeReasonInWords(1011) ?? '', /storage is unavailable/)
  assert.match(closeReasonInWords(1013) ?? '', /unsaved changes/)
  assert.match(closeReasonInWords(CloseCodes.messageTooBig) ?? '', /size limit\)\. Undo it/)
})

test('a socket that closes without having opened is a server that cannot be reached', () => {
  const listeners = new Map<string, (payload: never) => void>()
  const provider = {
    configuration: { websocketProvider: { status: 'connecting' } },
    isSynced: false,
    unsyncedChanges: 0,
    on: (event: string, listener: (payload: never) => void) => listeners.set(event, listener),
    off: () => {},
  }
  const win = {
    addEventListener: () => {},
    removeEventListener: () => {},
    navigator: { onLine: true },
  }
  const seen: (string | undefined)[] = []
  watchConnectionStatus(provider as never, (status) => seen.push(status.problem), win as never)
  const close = listeners.get('close') as (payload: { event: { code: number } }) => void
  const status = listeners.get('status') as (payload: { status: string }) => void
  close({ event: { code: 1006 } })
  assert.equal(seen.at(-1), UNREACHABLE_WORDS)
  // Once a socket opened, a drop is an ordinary reconnect (no words) until it fails to open.
  status({ status: 'connected' })
  close({ event: { code: 1006 } })
  assert.equal(seen.at(-1), undefined)
})

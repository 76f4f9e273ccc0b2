import assert from 'node:assert/strict'
import { test } from 'node:test'
import { groupEditingSessions, type VersionJson } from './editingSessions.ts'

const minute = 60_000
const base = Date.parse('2026-12-04T12:00:00Z')

function update(n: number, minutes: number, userName: string | null): VersionJson {
  return {
    id: `update:${n}`,
    kind: 'update',
    at: new Date(base + minutes * minute).toISOString(),
    userId: userName,
    userName,
    nodeId: 'node-a',
  }
}

function snapshot(n: number, minutes: number): VersionJson {
  return { ...update(n, minutes, null), id: `snapshot:${n}`, kind: 'snapshot' }
}

test('one author editing without a long pause is one session, named by its newest version', () => {
  const sessions = groupEditingSessions([
    update(3, 4, 'Ada'),
    update(2, 2, 'Ada'),
    update(1, 0, 'Ada'),
  ])
  assert.equal(sessions.length, 1)
  assert.deepEqual(sessions[0]?.people, ['Ada'])
  assert.equal(sessions[0]?.version, 'update:3')
  assert.equal(sessions[0]?.edits, 3)
  assert.equal(sessions[0]?.start, update(1, 0, 'Ada').at)
  assert.equal(sessions[0]?.end, update(3, 4, 'Ada').at)
})

test('a pause longer than the gap starts a new session', () => {
  const sessions = groupEditingSessions(
    [update(3, 30, 'Ada'), update(2, 1, 'Ada'), update(1, 0, 'Ada')],
    10 * minute,
  )
  assert.deepEqual(
    sessions.map((s) => s.versions.map((v) => v.id)),
    [['update:3'], ['update:2', 'update:1']],
  )
})

test('another author starts a new session, even within the gap', () => {
  const sessions = groupEditingSessions([
    update(3, 2, 'Bob'),
    update(2, 1, 'Ada'),
    update(1, 0, 'Ada'),
  ])
  assert.deepEqual(
    sessions.map((s) => [s.people, s.edits]),
    [
      [['Bob'], 1],
      [['Ada'], 2],
    ],
  )
})

test('a snapshot joins the session it falls in and is not counted as an edit', () => {
  const sessions = groupEditingSessions([update(2, 2, 'Ada'), snapshot(1, 1), update(1, 0, 'Ada')])
  assert.equal(sessions.length, 1)
  assert.equal(sessions[0]?.edits, 2)
  assert.equal(sessions[0]?.versions.length, 3)
})

test('a lone snapshot is a session of its own with nobody named', () => {
  const sessions = groupEditingSessions([snapshot(1, 0)])
  assert.deepEqual(sessions[0]?.people, [])
  assert.equal(sessions[0]?.version, 'snapshot:1')
})

test('no versions, no sessions', () => {
  assert.deepEqual(groupEditingSessions([]), [])
})

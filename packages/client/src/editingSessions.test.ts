import assert from 'node:assert/strict'
import { test } from 'node:test'
import { groupEditingSessions, matchRestores, type VersionJson } from './editingSessions.ts'

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

test('a restore is matched to its author’s first entry after it and is a session of its own', () => {
  const versions = [
    update(4, 3, 'Ada'),
    update(3, 2, 'Ada'),
    update(2, 1, 'Ada'),
    update(1, 0, 'Ada'),
  ]
  const restores = [
    {
      at: base + 2 * minute - 5,
      userId: 'Ada',
      userName: 'Ada',
      version: 'update:1',
      versionAt: update(1, 0, 'Ada').at,
    },
  ]
  const matched = matchRestores(versions, restores)
  assert.deepEqual([...matched.keys()], ['update:3'])
  const sessions = groupEditingSessions(versions, 10 * minute, matched)
  assert.deepEqual(
    sessions.map((s) => [s.versions.map((v) => v.id), s.restore?.version ?? null]),
    [
      [['update:4'], null],
      [['update:3'], 'update:1'],
      [['update:2', 'update:1'], null],
    ],
  )
})

test('a restore by someone else, or long before any entry, matches nothing', () => {
  const versions = [update(2, 30, 'Ada'), update(1, 0, 'Bob')]
  const restore = {
    at: base - minute,
    userId: 'Cy',
    userName: 'Cy',
    version: 'update:1',
    versionAt: null,
  }
  assert.equal(matchRestores(versions, [restore]).size, 0)
  const early = { ...restore, userId: 'Ada', at: base }
  assert.equal(matchRestores(versions, [early]).size, 0)
})

test('every entry of one restore (a project and its files) is in its one session', () => {
  const at = (minutes: number) => new Date(base + minutes * minute).toISOString()
  const versions = [
    { ...update(5, 5, 'Ada'), at: at(2.3) },
    { ...update(4, 4, 'Ada'), at: at(2.2) },
    { ...update(3, 3, 'Ada'), at: at(2.1) },
    update(2, 1, 'Ada'),
  ]
  const restore = {
    at: base + 2 * minute,
    userId: 'Ada',
    userName: 'Ada',
    version: 'update:2',
    versionAt: at(1),
  }
  const sessions = groupEditingSessions(versions, 10 * minute, matchRestores(versions, [restore]))
  assert.deepEqual(
    sessions.map((s) => [s.versions.map((v) => v.id), s.restore?.version ?? null]),
    [
      [['update:5', 'update:4', 'update:3'], 'update:2'],
      [['update:2'], null],
    ],
  )
})

test('a snapshot taken right after a restore stays in the restore’s session', () => {
  const versions = [snapshot(9, 2.5), { ...update(3, 2.2, 'Ada') }, update(2, 1, 'Ada')]
  const restore = {
    at: base + 2 * minute,
    userId: 'Ada',
    userName: 'Ada',
    version: 'update:2',
    versionAt: null,
  }
  const sessions = groupEditingSessions(versions, 10 * minute, matchRestores(versions, [restore]))
  assert.deepEqual(
    sessions.map((s) => [s.versions.map((v) => v.id), s.restore?.version ?? null]),
    [
      [['snapshot:9', 'update:3'], 'update:2'],
      [['update:2'], null],
    ],
  )
})

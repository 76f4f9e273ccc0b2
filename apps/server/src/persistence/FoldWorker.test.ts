import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { foldSnapshot, type StoredSnapshot } from '@weft/db'
import * as Y from 'yjs'
import { FoldWorker } from './FoldWorker.ts'

/** A V2 snapshot of `before` typed characters, and then `after` keystrokes as V1 rows. */
function typed(before: number, after: number) {
  const doc = new Y.Doc()
  const text = doc.getText('text')
  for (let i = 0; i < before; i++) text.insert(i, String.fromCharCode(97 + (i % 26)))
  const snapshot: StoredSnapshot = { state: Y.encodeStateAsUpdateV2(doc), encoding: 2 }
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  for (let i = 0; i < after; i++) text.insert(Math.floor(text.length / 2), 'x')
  return { snapshot, rows, expected: text.toString() }
}

const textOf = (snapshot: StoredSnapshot) => {
  const doc = new Y.Doc()
  if (snapshot.encoding === 2) Y.applyUpdateV2(doc, snapshot.state)
  else Y.applyUpdate(doc, snapshot.state)
  return doc.getText('text').toString()
}

test('a fold on the thread stores what the inline fold stores, while the loop keeps turning', async () => {
  const folds = new FoldWorker()
  try {
    const { snapshot, rows, expected } = typed(20_000, 3_000)
    let turns = 0
    const ticking = setInterval(() => turns++, 0)
    const folded = await folds.fold(snapshot, rows)
    clearInterval(ticking)
    assert.equal(textOf(folded), expected)
    assert.deepEqual(folded, foldSnapshot(snapshot, rows), 'the same bytes as inline')
    // An inline fold would have held the loop until it resolved: no timer could have run.
    assert.ok(turns > 0, 'timers ran while the thread folded')
  } finally {
    await folds.close()
  }
})

test('a snapshot in a pooled Node Buffer arrives intact, and the pool stays usable', async () => {
  const folds = new FoldWorker()
  try {
    const { snapshot, rows, expected } = typed(30, 10)
    // Small Buffers are views into one shared slab, as a driver's rows are.
    const pooled = Buffer.from(snapshot.state)
    assert.ok(pooled.byteLength < pooled.buffer.byteLength, 'a view into the pool')
    const folded = await folds.fold({ state: pooled, encoding: 2 }, rows)
    assert.equal(textOf(folded), expected)
    assert.deepEqual(new Uint8Array(pooled), snapshot.state, 'the caller still has its bytes')
    assert.equal(Buffer.from('still works').toString(), 'still works')
  } finally {
    await folds.close()
  }
})

test('rows that are views into larger buffers, and no previous snapshot, arrive intact', async () => {
  const folds = new FoldWorker()
  try {
    const { rows, expected } = typed(0, 200)
    const slab = new Uint8Array(rows.reduce((sum, row) => sum + row.byteLength + 7, 0))
    let at = 0
    const views = rows.map((row) => {
      slab.set(row, at + 7)
      const view = slab.subarray(at + 7, at + 7 + row.byteLength)
      at += row.byteLength + 7
      return view
    })
    assert.equal(textOf(await folds.fold(null, views)), expected)
  } finally {
    await folds.close()
  }
})

test('a row that does not parse fails its fold only; the next fold succeeds', async () => {
  const folds = new FoldWorker()
  try {
    const { snapshot, rows, expected } = typed(10, 5)
    await assert.rejects(folds.fold(snapshot, [...rows, new Uint8Array([255, 255, 255, 255])]))
    assert.equal(textOf(await folds.fold(snapshot, rows)), expected)
  } finally {
    await folds.close()
  }
})

test('the thread stops when idle and starts again for the next fold; closed, folds fail', async () => {
  const folds = new FoldWorker({ idleMs: 20 })
  const { snapshot, rows, expected } = typed(10, 5)
  await folds.fold(snapshot, rows)
  for (let waited = 0; folds.running && waited < 10_000; waited += 20) await sleep(20)
  assert.equal(folds.running, false, 'stopped after its idle time')
  assert.equal(textOf(await folds.fold(snapshot, rows)), expected)
  await folds.close()
  assert.equal(folds.running, false)
  await assert.rejects(folds.fold(snapshot, rows), /closed/)
})

test('a thread that cannot run folds inline instead, and is not started again', async () => {
  const failures: Error[] = []
  const folds = new FoldWorker({
    threadUrl: new URL('data:text/javascript,throw new Error("no thread here")'),
    onThreadFailure: (error) => failures.push(error),
  })
  try {
    const { snapshot, rows, expected } = typed(10, 5)
    assert.equal(textOf(await folds.fold(snapshot, rows)), expected)
    assert.equal(failures.length, 1)
    assert.equal(textOf(await folds.fold(snapshot, rows)), expected)
    assert.equal(failures.length, 1, 'no second thread')
    assert.equal(folds.running, false)
  } finally {
    await folds.close()
  }
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { CanvasModel } from './CanvasModel.ts'

/** Two replicas whose models have read (and so cache) the shapes; updates flow on `sync()`. */
function pair() {
  const a = new CanvasModel(new Y.Doc(), 'a')
  const b = new CanvasModel(new Y.Doc(), 'b')
  a.doc.clientID = 1
  b.doc.clientID = 2
  a.list()
  b.list()
  const sync = () => {
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)))
  }
  return { a, b, sync }
}

const rect = (x: number) => ({ type: 'rect' as const, x, y: 0, w: 10, h: 10 })

/** What a model that never cached anything reads from the same document. */
function uncached(m: CanvasModel) {
  return new CanvasModel(m.doc).list()
}

test('a remote move replaces only the moved shape object; the others stay the same objects', () => {
  const { a, b, sync } = pair()
  for (const id of ['p', 'q', 'r']) a.add(rect(0), id)
  sync()
  const before = b.list()
  a.update('q', { x: 50 })
  sync()
  const after = b.list()
  assert.notEqual(after, before, 'a change gives a new array')
  assert.deepEqual(
    after.map((s) => s.id),
    ['p', 'q', 'r'],
  )
  assert.equal(after[0], before[0])
  assert.equal(after[2], before[2])
  assert.notEqual(after[1], before[1])
  assert.equal(after[1]?.x, 50)
  assert.equal(b.get('q'), after[1])
})

test('no change, or a write of equal values, keeps the same array and objects', () => {
  const { a, b, sync } = pair()
  a.add(rect(0), 'p')
  sync()
  const before = b.list()
  assert.equal(b.list(), before)
  // A box rewritten with the same numbers (a new object in the document) reads the same.
  a.shapes.get('p')?.set('box', { x: 0, y: 0, w: 10, h: 10 })
  a.meta.set('unrelated', 1)
  sync()
  assert.equal(b.list(), before)
  assert.equal(b.get('p'), before[0])
})

test('cached shapes are frozen: a caller cannot change what others read', () => {
  const m = new CanvasModel(new Y.Doc())
  m.add({ type: 'line', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 1, 1] }, 'l')
  const s = m.get('l')
  assert.ok(s)
  assert.throws(() => {
    ;(s as { x: number }).x = 5
  })
  assert.throws(() => {
    ;(s.points as number[]).push(1)
  })
  assert.throws(() => {
    ;(m.list() as unknown[]).pop()
  })
})

test('concurrent reorders, adds and deletes leave the cache in the order a fresh read gives', () => {
  const { a, b, sync } = pair()
  for (const id of ['p', 'q', 'r', 's', 't']) a.add(rect(0), id)
  sync()
  a.toFront(['p'])
  b.toFront(['q'])
  a.step('r', 1)
  b.toBack(['t', 's'])
  a.add(rect(1), 'u')
  b.delete(['r'])
  sync()
  const order = a.list().map((s) => s.id)
  assert.deepEqual([...order].sort(), ['p', 'q', 's', 't', 'u'])
  assert.deepEqual(a.list(), uncached(a))
  assert.deepEqual(b.list(), uncached(b))
  assert.deepEqual(
    b.list().map((s) => s.id),
    order,
  )
})

test('random edits on two replicas: the cache always equals a fresh read', () => {
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const { a, b, sync } = pair()
  let next = 0
  for (let round = 0; round < 400; round++) {
    const m = random() < 0.5 ? a : b
    const ids = m.list().map((s) => s.id)
    const pick = ids[Math.floor(random() * ids.length)]
    const r = random()
    if (r < 0.25 || !pick) m.add(rect(round), `n${next++}`)
    else if (r < 0.45) m.update(pick, { x: Math.round(random() * 100) })
    else if (r < 0.55) m.delete([pick])
    else if (r < 0.65) m.toFront([pick])
    else if (r < 0.75) m.toBack([pick])
    else if (r < 0.85) m.step(pick, random() < 0.5 ? 1 : -1)
    else if (r < 0.9) m.duplicate([pick])
    else sync()
    assert.deepEqual(m.list(), uncached(m), `round ${round}`)
  }
  sync()
  assert.deepEqual(a.list(), uncached(a))
  assert.deepEqual(
    a.list().map((s) => s.id),
    b.list().map((s) => s.id),
  )
})

test('inside a transaction, reads see the writes made earlier in it', () => {
  const m = new CanvasModel(new Y.Doc())
  m.add(rect(0), 'p')
  m.list()
  const added: string[] = []
  m.doc.transact(() => {
    added.push(m.add(rect(1), 'q'), m.add(rect(2), 'r'))
    m.duplicate(['q', 'r'])
    assert.equal(m.list().length, 5)
    assert.equal(m.get('q')?.x, 1)
  })
  const order = m.list().map((s) => s.id)
  assert.deepEqual(order.slice(0, 3), ['p', 'q', 'r'])
  assert.equal(new Set(m.list().map((s) => s.z)).size, 5, 'every shape got its own key')
  assert.deepEqual(m.list(), uncached(m))
})

test('an observer that runs before the cache has caught up still reads the new state', () => {
  const { a, b, sync } = pair()
  a.add(rect(0), 'p')
  sync()
  const seen: number[] = []
  // Registered on the shape map itself, so Yjs calls it before the cache's deep observer.
  b.shapes.get('p')?.observe(() => seen.push(b.get('p')?.x ?? -1))
  a.update('p', { x: 42 })
  sync()
  assert.deepEqual(seen, [42])
  assert.equal(b.get('p')?.x, 42)
})

test('after destroy the model reads afresh and stops observing', () => {
  const m = new CanvasModel(new Y.Doc())
  m.add(rect(0), 'p')
  const before = m.list()
  m.destroy()
  m.update('p', { x: 9 })
  assert.equal(m.get('p')?.x, 9)
  assert.notEqual(m.list()[0], before[0])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { CanvasModel } from './CanvasModel.ts'
import { validateCanvas } from './validate.ts'
import { zKeyBetween } from './zKey.ts'

/** Two replicas that exchange updates only when `sync()` is called (a partition until then). */
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.clientID = 1
  b.clientID = 2
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  }
  return { a: new CanvasModel(a, 'a'), b: new CanvasModel(b, 'b'), sync }
}

const rect = (x: number) => ({ type: 'rect' as const, x, y: 0, w: 10, h: 10 })
const order = (m: CanvasModel) => m.list().map((s) => s.id)

test('new shapes stack on top, with defaults filled in', () => {
  const m = new CanvasModel(new Y.Doc())
  const one = m.add(rect(0), 'one')
  const two = m.add({ type: 'sticky', x: 5, y: 5, w: 100, h: 100, text: 'hi', fill: '#ffd43b' })
  assert.deepEqual(order(m), [one, two])
  const s = m.get(two)
  assert.equal(s?.text, 'hi')
  assert.equal(s?.stroke, '#1e1e1e')
  assert.equal(s?.rotation, 0)
})

test('forward, backward, front and back reorder', () => {
  const m = new CanvasModel(new Y.Doc())
  for (const id of ['a', 'b', 'c', 'd']) m.add(rect(0), id)
  m.step('a', 1)
  assert.deepEqual(order(m), ['b', 'a', 'c', 'd'])
  m.step('d', -1)
  assert.deepEqual(order(m), ['b', 'a', 'd', 'c'])
  m.toFront(['b'])
  assert.deepEqual(order(m), ['a', 'd', 'c', 'b'])
  m.toBack(['c', 'b'])
  assert.deepEqual(order(m), ['c', 'b', 'a', 'd'])
  m.step('d', 1)
  m.step('c', -1)
  assert.deepEqual(order(m), ['c', 'b', 'a', 'd'])
})

test('concurrent reorders converge to one order on both replicas', () => {
  const { a, b, sync } = pair()
  for (const id of ['p', 'q', 'r', 's']) a.add(rect(0), id)
  sync()
  a.toFront(['p'])
  b.toFront(['q'])
  a.step('r', 1)
  b.toBack(['s'])
  sync()
  assert.deepEqual(order(a), order(b))
  // Both sent something to front at once: both are above the untouched shapes.
  assert.deepEqual(new Set(order(a).slice(-2)), new Set(['p', 'q']))
  assert.equal(order(a)[0], 's')
  // Equal keys from the tie still leave room to step past each other.
  const [below, above] = order(a).slice(-2) as [string, string]
  a.step(below, 1)
  sync()
  assert.deepEqual(order(b).slice(-2), [above, below])
})

test('concurrent moves of one shape settle on one position; other fields merge', () => {
  const { a, b, sync } = pair()
  const id = a.add(rect(0))
  sync()
  a.update(id, { x: 100, y: 100 })
  b.update(id, { x: 300, y: 50, stroke: '#c2255c' })
  a.update(id, { fill: '#2b8a3e' })
  sync()
  assert.deepEqual(a.get(id), b.get(id))
  const s = a.get(id)
  assert.ok(
    (s?.x === 100 && s.y === 100) || (s?.x === 300 && s.y === 50),
    `a move that was never made: ${s?.x},${s?.y}`,
  )
  assert.equal(s?.stroke, '#c2255c')
  assert.equal(s?.fill, '#2b8a3e')
})

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing seed can be rerun. */
function random(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

type Pt = { x: number; y: number }

/**
 * One user's drag as the app does it: at the press, remember where the shape is on this replica;
 * at every step write origin + the pointer's offset so far (the whole position, each step).
 */
class Drag {
  origin: Pt | null = null
  done = 0
  readonly written: Pt[] = []
  readonly model: CanvasModel
  readonly id: string
  readonly step: Pt
  readonly steps: number
  constructor(model: CanvasModel, id: string, step: Pt, steps: number) {
    this.model = model
    this.id = id
    this.step = step
    this.steps = steps
  }
  get finished(): boolean {
    return this.done === this.steps
  }
  next(): void {
    if (!this.origin) {
      const s = this.model.get(this.id)
      this.origin = { x: s?.x ?? 0, y: s?.y ?? 0 }
      return
    }
    this.done++
    const p = {
      x: this.origin.x + this.step.x * this.done,
      y: this.origin.y + this.step.y * this.done,
    }
    this.model.update(this.id, p)
    this.written.push(p)
  }
}

/** Replicas that exchange updates one direction at a time, when the schedule says so. */
function partitioned(swapIds = false) {
  const a = new Y.Doc()
  const b = new Y.Doc()
  // Yjs breaks ties between concurrent writes by client id; try both ways round.
  a.clientID = swapIds ? 2 : 1
  b.clientID = swapIds ? 1 : 2
  const send = (from: Y.Doc, to: Y.Doc) =>
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
  return {
    a: new CanvasModel(a, 'a'),
    b: new CanvasModel(b, 'b'),
    aToB: () => send(a, b),
    bToA: () => send(b, a),
  }
}

/** Ada drags straight down, Bob diagonally (the e2e race), in one random interleaving. */
function raceDrags(seed: number, setup?: (m: CanvasModel) => string) {
  const rand = random(seed)
  const { a, b, aToB, bToA } = partitioned(seed % 2 === 0)
  const id = setup ? setup(a) : a.add({ type: 'rect', x: 100, y: 100, w: 100, h: 100 })
  aToB()
  const ada = new Drag(a, id, { x: 0, y: 15 }, 20)
  const bob = new Drag(b, id, { x: 10, y: 10 }, 20)
  while (!ada.finished || !bob.finished) {
    const r = rand()
    if (r < 0.35 && !ada.finished) ada.next()
    else if (r < 0.7 && !bob.finished) bob.next()
    else if (r < 0.85) aToB()
    else bToA()
  }
  aToB()
  bToA()
  return { a, b, id, ada, bob }
}

const key = (p: Pt | null | undefined) => (p ? `${p.x},${p.y}` : 'none')

test('concurrent drags of one shape settle on a position one user wrote (random interleavings)', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const { a, b, id, ada, bob } = raceDrags(seed)
    assert.deepEqual(a.snapshot(), b.snapshot(), `seed ${seed}: replicas differ`)
    const s = a.get(id)
    const written = new Set([...ada.written, ...bob.written].map(key))
    assert.ok(written.has(key(s)), `seed ${seed}: ${key(s)} was never written`)
    // Stronger: each user's writes supersede their own earlier ones, so what survives is the
    // last position one of the two wrote (the end of a drag, from where that user grabbed it).
    assert.ok(
      [ada.written.at(-1), bob.written.at(-1)].map(key).includes(key(s)),
      `seed ${seed}: ${key(s)} is not the end of either drag`,
    )
    assert.deepEqual({ w: s?.w, h: s?.h }, { w: 100, h: 100 })
  }
})

test('a move that keeps x and a concurrent diagonal move never mix', () => {
  const { a, b, sync } = pair()
  const id = a.add(rect(0))
  sync()
  // b (the higher client id, so it wins a tie) moves straight down: x stays 0.
  b.update(id, { x: 0, y: 100 })
  a.update(id, { x: 50, y: 50 })
  sync()
  assert.deepEqual(a.get(id), b.get(id))
  assert.ok(['0,100', '50,50'].includes(key(a.get(id))), key(a.get(id)))
})

test('a resize and a concurrent move settle on one of the two boxes', () => {
  const { a, b, sync } = pair()
  const id = a.add(rect(0))
  sync()
  a.update(id, { x: 0, y: 0, w: 40, h: 30 })
  b.update(id, { x: 200, y: 200 })
  sync()
  const s = a.get(id)
  assert.deepEqual(s, b.get(id))
  const box = `${s?.x},${s?.y},${s?.w},${s?.h}`
  assert.ok(['0,0,40,30', '200,200,10,10'].includes(box), box)
})

/** A shape as documents stored it before `box`: one key per coordinate. */
function legacyRect(m: CanvasModel, id: string, x: number, y: number): string {
  m.doc.transact(() => {
    const s = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({
      type: 'rect',
      x,
      y,
      w: 100,
      h: 100,
      z: zKeyBetween(null, null),
    }))
      s.set(k, v)
    m.shapes.set(id, s)
  })
  return id
}

test('documents with the legacy x, y, w, h keys still read, validate and migrate on a move', () => {
  const m = new CanvasModel(new Y.Doc())
  const id = legacyRect(m, 'old', 30, 40)
  assert.deepEqual(validateCanvas(m.doc), [])
  assert.deepEqual(key(m.get(id)), '30,40')
  assert.equal(m.get(id)?.w, 100)
  m.update(id, { x: 35 })
  const stored = m.shapes.get(id)
  assert.deepEqual(stored?.get('box'), { x: 35, y: 40, w: 100, h: 100 })
  for (const f of ['x', 'y', 'w', 'h']) assert.equal(stored?.has(f), false, f)
  assert.deepEqual(validateCanvas(m.doc), [])
  // A recolour alone leaves a legacy shape as it is.
  const other = legacyRect(m, 'old2', 1, 2)
  m.update(other, { fill: '#ffd43b' })
  assert.equal(m.shapes.get(other)?.has('box'), false)
  assert.equal(key(m.get(other)), '1,2')
})

test('concurrent drags of a legacy shape also settle on a position one user wrote', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const { a, b, id, ada, bob } = raceDrags(seed, (m) => legacyRect(m, 'old', 100, 100))
    assert.deepEqual(a.snapshot(), b.snapshot(), `seed ${seed}`)
    const s = a.get(id)
    const written = new Set([...ada.written, ...bob.written].map(key))
    assert.ok(written.has(key(s)), `seed ${seed}: ${key(s)} was never written`)
    for (const f of ['x', 'y', 'w', 'h']) assert.equal(a.shapes.get(id)?.has(f), false)
  }
})

test('validation: the box must be four finite numbers with a non-negative size', () => {
  const m = new CanvasModel(new Y.Doc())
  const id = m.add(rect(0))
  const s = m.shapes.get(id)
  s?.set('box', { x: 1, y: 2, w: -1, h: 3 })
  assert.deepEqual(
    validateCanvas(m.doc).map((i) => i.path),
    [`shapes.${id}.box.w`],
  )
  s?.set('box', { x: 1, y: 'two', w: 1, h: 3 })
  assert.deepEqual(
    validateCanvas(m.doc).map((i) => i.path),
    [`shapes.${id}.box`],
  )
})

test('delete wins over a concurrent move; duplicate copies above with an offset', () => {
  const { a, b, sync } = pair()
  const id = a.add({ type: 'freehand', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 1, 1] })
  const keep = a.add(rect(50))
  sync()
  a.delete([id])
  b.update(id, { x: 40 })
  sync()
  assert.equal(a.get(id), null)
  assert.equal(b.get(id), null)
  const [copy] = b.duplicate([keep])
  assert.ok(copy)
  const c = b.get(copy)
  assert.equal(c?.x, 66)
  assert.equal(order(b).at(-1), copy)
})

test('undo with the client origin reverts only this client’s edits', () => {
  const { a, b, sync } = pair()
  const undo = new Y.UndoManager(a.shapes, { trackedOrigins: new Set(['a']) })
  const mine = a.add(rect(0))
  undo.stopCapturing()
  sync()
  const theirs = b.add(rect(20))
  sync()
  a.update(mine, { x: 500 })
  undo.stopCapturing()
  undo.undo()
  assert.equal(a.get(mine)?.x, 0)
  undo.undo()
  assert.equal(a.get(mine), null)
  assert.ok(a.get(theirs))
  undo.redo()
  sync()
  assert.ok(b.get(mine))
})

test('snapshot is plain data and equal across synced replicas', () => {
  const { a, b, sync } = pair()
  a.add(rect(1))
  b.add({ type: 'text', x: 3, y: 4, w: 50, h: 20, text: 'hello' })
  a.startTileBoard({ cols: 4, rows: 3, palette: ['#000000', '#ffffff'] })
  a.setTile(1, 2, 1)
  a.setTile(9, 9, 1)
  a.setTile(0, 0, 7)
  sync()
  assert.deepEqual(a.snapshot(), b.snapshot())
  assert.deepEqual(a.snapshot().tiles, { '1:2': 1 })
  assert.equal(JSON.parse(JSON.stringify(a.snapshot())).shapes.length, 2)
})

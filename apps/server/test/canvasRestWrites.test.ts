// Every Canvas shape write is validated by the server, the REST ones too (issue 16): an update
// POSTed to …/updates and a restore of a past version pass the check a socket's frame passes
// (CanvasWrites). A malformed shape, or an image naming bytes this canvas does not hold, is
// refused with 422 and the socket's words; nothing is applied, fanned out or logged. Over real
// HTTP on a two-node fleet with Redis and Postgres, a client on the other node watching.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'
import { CANVAS_ROOTS, CanvasModel, validateCanvas } from '@weft/canvas-model'
import { appendUpdates, openDatabase } from '@weft/db'
import { mintAccessToken } from '@weft/protocol'
import {
  clientPool,
  documentPath,
  type Fleet,
  nodeHttp,
  startFleet,
  type TestClient,
  waitFor,
} from '@weft/testkit'
import * as Y from 'yjs'

const SECRET = 'canvas-rest-writes-secret-0123456789'
let fleet: Fleet
const clients = clientPool(() => fleet)
const call = nodeHttp(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const writer = (sub: string) =>
  mintAccessToken({ sub, name: `User ${sub}`, docs: { '*': 'write' } }, SECRET, '10m')

/** A 1×1 PNG, as a browser would paste it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PNG_ID = createHash('sha256').update(PNG).digest('hex')

const ok = { type: 'rect', z: 'a1', box: { x: 0, y: 0, w: 10, h: 10 } }

/** An update adding one shape map with the given fields, as a script that skips the model would. */
function shapeUpdate(id: string, fields: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc()
  const shape = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) shape.set(key, value)
  doc.getMap(CANVAS_ROOTS.shapes).set(id, shape)
  return Y.encodeStateAsUpdate(doc)
}

async function postUpdate(node: number, name: string, update: Uint8Array, token: string) {
  return call(node, documentPath(name, 'updates'), { method: 'POST', token, body: update })
}

/** The shape ids of the live document, as GET …/export?format=yjs gives it. */
async function exportedShapes(node: number, name: string, token: string): Promise<string[]> {
  const exported = await call(node, `${documentPath(name, 'export')}?format=yjs`, { token })
  assert.equal(exported.status, 200)
  const copy = new Y.Doc()
  Y.applyUpdate(copy, exported.body)
  assert.deepEqual(validateCanvas(copy), [])
  return [...copy.getMap(CANVAS_ROOTS.shapes).keys()].sort()
}

const shapeIds = (client: TestClient) => [...client.doc.getMap(CANVAS_ROOTS.shapes).keys()].sort()

async function logCount(name: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: fleet.databaseUrl })
  try {
    const [row] = await database.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM document_updates WHERE document_name = $1',
      [name],
    )
    return row?.n ?? 0
  } finally {
    await database.close()
  }
}

test('a REST update with a malformed shape is refused with 422; a valid one applies', async () => {
  const name = 'canvas:rest-guarded'
  const token = await writer('ada')
  const kept = shapeUpdate('skept000000', ok)
  assert.equal((await postUpdate(0, name, kept, token)).status, 200)
  const watcher = clients.connect(1, name, token)
  await watcher.synced()
  await waitFor('the watcher has the kept shape', () => shapeIds(watcher).includes('skept000000'))
  const rows = await logCount(name)

  for (const [id, fields, problem] of [
    ['sbadtype000', { ...ok, type: 'script' }, /shapes\.sbadtype000\.type: unknown shape type/],
    [
      'sbadbox0000',
      { ...ok, box: { x: Number.NaN, y: 0, w: 1, h: 1 } },
      /shapes\.sbadbox0000\.box/,
    ],
    ['sbadtext000', { ...ok, type: 'text', text: 'x'.repeat(20_000) }, /shapes\.sbadtext000\.text/],
  ] as const) {
    const refused = await postUpdate(0, name, shapeUpdate(id, fields), token)
    assert.equal(refused.status, 422, `${id} is refused`)
    assert.match(refused.body.error, /^invalid canvas write: /)
    assert.match(refused.body.error, problem)
  }
  // Nothing was applied (the export of either node), nothing logged.
  assert.deepEqual(await exportedShapes(0, name, token), ['skept000000'])
  assert.deepEqual(await exportedShapes(1, name, token), ['skept000000'])
  assert.equal(await logCount(name), rows)

  // A valid update still applies, reaches the watcher, and nothing refused came before it.
  const later = await postUpdate(0, name, shapeUpdate('slater00000', ok), token)
  assert.equal(later.status, 200)
  assert.deepEqual(later.body, { changed: true, stored: true })
  await waitFor('the watcher sees the later shape', () => shapeIds(watcher).includes('slater00000'))
  assert.deepEqual(shapeIds(watcher), ['skept000000', 'slater00000'])
  assert.deepEqual(validateCanvas(watcher.doc), [])
})

test("a REST update naming another canvas's image is refused; the canvas's own image applies", async () => {
  const name = 'canvas:rest-images'
  const token = await writer('ada')
  const uploadTo = (canvas: string) =>
    call(0, documentPath(canvas, 'assets'), { method: 'POST', token, body: PNG })
  assert.equal((await uploadTo('canvas:rest-images-elsewhere')).status, 201)
  const image = { type: 'image', z: 'a1', box: { x: 0, y: 0, w: 10, h: 10 }, asset: PNG_ID }

  assert.equal((await postUpdate(1, name, shapeUpdate('sframe00000', ok), token)).status, 200)

  const refused = await postUpdate(1, name, shapeUpdate('simage00000', image), token)
  assert.equal(refused.status, 422)
  assert.match(
    refused.body.error,
    /^invalid canvas write: image [0-9a-f]{12}… is not an asset of this canvas$/,
  )
  assert.deepEqual(await exportedShapes(0, name, token), ['sframe00000'])

  // Stored on this canvas, the same image is accepted.
  assert.equal((await uploadTo(name)).status, 201)
  const accepted = await postUpdate(1, name, shapeUpdate('simage00000', image), token)
  assert.equal(accepted.status, 200)
  assert.deepEqual(await exportedShapes(0, name, token), ['sframe00000', 'simage00000'])
})

test('a restore of a version holding a malformed shape is refused with 422; a valid one applies', async () => {
  // A version from before validation existed: written straight into the log with the node's own
  // log write (appendUpdates), as a node of that time would have. It adds a valid shape and one of
  // an unknown type; the next version deletes the bad one again.
  const name = 'canvas:rest-legacy'
  const legacy = new Y.Doc()
  const updates: Uint8Array[] = []
  legacy.on('update', (update: Uint8Array) => updates.push(update))
  const shapes = legacy.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes)
  legacy.transact(() => {
    for (const [id, type] of [
      ['skeep000000', 'rect'],
      ['slegacy0000', 'script'],
    ]) {
      const shape = new Y.Map<unknown>()
      for (const [key, value] of Object.entries({ ...ok, type })) shape.set(key, value)
      shapes.set(id as string, shape)
    }
  })
  shapes.delete('slegacy0000')
  const database = await openDatabase({ databaseUrl: fleet.databaseUrl })
  try {
    await appendUpdates(
      database.sql,
      updates.map((update, i) => ({
        documentName: name,
        updateKey: `test:${name}:${i}`,
        update,
        userId: 'old',
        userName: 'Old client',
        nodeId: 'before-validation',
        receivedAt: new Date(Date.now() - 60_000 + i * 1_000),
      })),
    )
  } finally {
    await database.close()
  }

  const token = await writer('ada')
  const watcher = clients.connect(1, name, token)
  await watcher.synced()
  assert.deepEqual(shapeIds(watcher), ['skeep000000'])
  const versions = await call(0, documentPath(name, 'versions'), { token })
  assert.equal(versions.status, 200)
  // Newest first: the delete, then the version that still held the bad shape.
  const [withoutBad, withBad] = (versions.body.versions as { id: string; userId: string }[]).filter(
    (version) => version.userId === 'old',
  )
  assert.ok(withBad && withoutBad)

  const refused = await call(0, documentPath(name, 'restore'), {
    method: 'POST',
    token,
    json: { version: withBad.id },
  })
  assert.equal(refused.status, 422)
  assert.match(refused.body.error, /^invalid canvas write: shapes\.slegacy0000\.type: unknown/)
  assert.deepEqual(await exportedShapes(1, name, token), ['skeep000000'])

  // A valid restore still applies: a shape added since goes away again, for the watcher too.
  assert.equal((await postUpdate(0, name, shapeUpdate('snew0000000', ok), token)).status, 200)
  await waitFor('the watcher sees the new shape', () => shapeIds(watcher).includes('snew0000000'))
  const restored = await call(0, documentPath(name, 'restore'), {
    method: 'POST',
    token,
    json: { version: withoutBad.id },
  })
  assert.equal(restored.status, 200)
  assert.equal(restored.body.changed, true)
  await waitFor('the watcher is back at the version', () => shapeIds(watcher).length === 1)
  assert.deepEqual(shapeIds(watcher), ['skeep000000'])
  assert.deepEqual(validateCanvas(watcher.doc), [])
  // The bad shape never reached anyone.
  assert.equal(new CanvasModel(watcher.doc).get('slegacy0000'), null)
})

test('the OpenAPI document names the 422 of updates and restore', async () => {
  const served = await call(0, '/api/openapi.json')
  for (const route of ['/api/documents/{name}/updates', '/api/documents/{name}/restore'])
    assert.ok(served.body.paths[route].post.responses['422'], `${route} describes its 422`)
})

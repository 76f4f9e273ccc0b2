// Issue 15, item 6: the documents REST API over real HTTP against a two-node fleet with Redis and
// Postgres. An update POSTed on node A reaches a client on node B and is logged once; a restore is
// a forward change everyone receives; metadata, export, tokens, limits and the OpenAPI document.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { GridModel, toStoredFormula } from '@weft/grid-model'
import { mintAccessToken } from '@weft/protocol'
import { clientPool, documentPath, type Fleet, nodeHttp, startFleet, waitFor } from '@weft/testkit'
import pg from 'pg'
import * as Y from 'yjs'

const SECRET = 'documents-api-secret-0123456789'
const MAX_BODY = 64 * 1024
const PER_MINUTE = 100
let fleet: Fleet
let db: pg.Client
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    env: { API_MAX_BODY_BYTES: String(MAX_BODY), API_REQUESTS_PER_MINUTE: String(PER_MINUTE) },
  })
  db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
})

after(async () => {
  clients.destroyAll()
  await db?.end()
  await fleet?.destroy()
})

const writer = (sub: string, docs: Record<string, 'read' | 'write'> = { '*': 'write' }) =>
  mintAccessToken({ sub, name: `User ${sub}`, docs }, SECRET, '10m')

const call = nodeHttp(() => fleet)
const path = documentPath

async function logRows(name: string) {
  const result = await db.query(
    'SELECT user_id, node_id FROM document_updates WHERE document_name = $1 ORDER BY id',
    [name],
  )
  return result.rows as { user_id: string | null; node_id: string }[]
}

test('create, read, rename, find, trash and restore a document', async () => {
  const token = await writer('ada')
  const created = await call(0, '/api/documents', {
    method: 'POST',
    token,
    json: { kind: 'grid', title: 'Quarterly plan' },
  })
  assert.equal(created.status, 201)
  assert.match(created.body.name, /^grid:[0-9a-f]{12}$/)
  assert.equal(created.body.title, 'Quarterly plan')
  assert.equal(created.body.owner.id, 'ada')
  const { name } = created.body

  // Node B answers from the same database.
  const read = await call(1, path(name), { token })
  assert.equal(read.status, 200)
  assert.equal(read.body.kind, 'grid')

  const renamed = await call(1, path(name), {
    method: 'PATCH',
    token,
    json: { title: 'Annual plan' },
  })
  assert.equal(renamed.body.title, 'Annual plan')
  const found = await call(0, '/api/documents?q=annual', { token })
  assert.deepEqual(
    found.body.documents.map((d: { name: string }) => d.name),
    [name],
  )

  assert.equal((await call(0, path(name), { method: 'DELETE', token })).status, 200)
  const live = await call(0, '/api/documents?q=annual', { token })
  assert.equal(live.body.documents.length, 0)
  const trash = await call(0, '/api/documents?trashed=true&q=annual', { token })
  assert.equal(trash.body.documents[0].name, name)
  assert.ok(trash.body.documents[0].trashedAt)

  const restored = await call(1, path(name), { method: 'PATCH', token, json: { trashed: false } })
  assert.equal(restored.body.trashedAt, null)
  assert.equal((await call(0, '/api/documents?q=annual', { token })).body.documents.length, 1)

  const again = await call(0, '/api/documents', {
    method: 'POST',
    token,
    json: { kind: 'grid', id: name.slice('grid:'.length) },
  })
  assert.equal(again.status, 409)
})

test('an update POSTed on node A reaches a client on node B and is logged exactly once', async () => {
  const name = 'grid:api-update'
  const token = await writer('api-bot')
  const watcher = clients.connect(1, name, await writer('bea'))
  await watcher.synced()

  const source = new Y.Doc()
  const grid = new GridModel(source)
  grid.initialize(2, 2)
  grid.setCell('r0', 'c0', 'from the API', { id: 'api-bot', name: 'Bot' })
  const update = Y.encodeStateAsUpdate(source)

  const applied = await call(0, path(name, 'updates'), { method: 'POST', token, body: update })
  assert.equal(applied.status, 200)
  assert.deepEqual(applied.body, { changed: true, stored: true })
  await waitFor('the client on node B sees the update', () => {
    return new GridModel(watcher.doc).getValue('r0', 'c0') === 'from the API'
  })

  // Sent again: nothing changes and nothing more is logged.
  const repeated = await call(1, path(name, 'updates'), { method: 'POST', token, body: update })
  assert.deepEqual(repeated.body, { changed: false, stored: true })
  const rows = await logRows(name)
  assert.equal(rows.length, 1)
  assert.equal(rows[0]?.user_id, 'api-bot')
  assert.equal(rows[0]?.node_id, fleet.nodes[0]?.nodeId)

  // The metadata knows who edited it, and the export is the grid a user sees.
  const meta = await call(1, path(name), { token })
  assert.equal(meta.body.updatedBy.id, 'api-bot')
  assert.equal(meta.body.owner.id, 'api-bot')
  const exported = await call(1, `${path(name, 'export')}?format=json`, { token })
  assert.equal(exported.status, 200)
  assert.deepEqual(exported.body.rows[0].cells, ['from the API', ''])
  assert.equal(exported.body.columns.length, 2)
  // Every sheet too, in tab order; a document from before sheets is one sheet, Sheet1.
  assert.deepEqual(
    exported.body.sheets.map((s: { name: string }) => s.name),
    ['Sheet1'],
  )
  assert.deepEqual(exported.body.sheets[0].rows[0].cells, ['from the API', ''])
  const raw = await call(0, `${path(name, 'export')}?format=yjs`, { token })
  const copy = new Y.Doc()
  Y.applyUpdate(copy, raw.body)
  assert.equal(new GridModel(copy).getValue('r0', 'c0'), 'from the API')
})

test('a restore brings a version back as a forward change everyone connected receives', async () => {
  const name = 'grid:api-restore'
  const author = { id: 'cy', name: 'Cy' }
  const editor = clients.connect(0, name, await writer('cy'))
  const viewer = clients.connect(1, name, await writer('dee'))
  await Promise.all([editor.synced(), viewer.synced()])
  const grid = new GridModel(editor.doc)
  grid.initialize(2, 2)
  grid.setCell('r0', 'c0', 'first draft', author)
  await waitFor('first draft logged', async () => (await logRows(name)).length >= 2)
  const token = await writer('restorer')
  const before = await call(1, path(name, 'versions'), { token })
  const version = before.body.versions[0]
  assert.equal(version.kind, 'update')
  assert.equal(version.userId, 'cy')

  grid.setCell('r0', 'c0', 'second draft', author)
  grid.deleteRows(['r1'])
  await waitFor('the viewer sees the second draft', () => {
    return new GridModel(viewer.doc).getValue('r0', 'c0') === 'second draft'
  })
  const rowsBefore = await logRows(name)

  const restored = await call(1, path(name, 'restore'), {
    method: 'POST',
    token,
    json: { version: version.id },
  })
  assert.equal(restored.status, 200)
  assert.equal(restored.body.restored, version.id)
  for (const client of [editor, viewer]) {
    await waitFor('the first draft is back for everyone', () => {
      const model = new GridModel(client.doc)
      return model.getValue('r0', 'c0') === 'first draft' && model.layout().rowIds.length === 2
    })
  }
  // The restore is one more entry in the history, by the API caller; nothing was rewritten. (The
  // second draft's own rows may still be on their way from node A's batched log write, so the
  // check is on what was there before and on the caller's rows, not on a total count.)
  const rows = await logRows(name)
  assert.deepEqual(rows.slice(0, rowsBefore.length), rowsBefore)
  assert.equal(rows.filter((row) => row.user_id === 'restorer').length, 1)
  const after = await call(0, path(name, 'versions'), { token })
  assert.equal(after.body.versions[0].userId, 'restorer')

  const missing = await call(0, path(name, 'restore'), {
    method: 'POST',
    token,
    json: { version: 'update:999999999' },
  })
  assert.equal(missing.status, 404)
})

test('tokens decide: none is 401, read-only cannot write, no pattern is 403', async () => {
  const name = 'grid:api-guarded'
  const update = Y.encodeStateAsUpdate(new Y.Doc())
  const none = await call(0, path(name, 'updates'), { method: 'POST', body: update })
  assert.equal(none.status, 401)
  assert.match(none.body.error, /token/)
  const reader = await writer('reader', { 'grid:*': 'read' })
  const readOnly = await call(0, path(name, 'updates'), {
    method: 'POST',
    token: reader,
    body: update,
  })
  assert.equal(readOnly.status, 403)
  assert.match(readOnly.body.error, /read-only/)
  const created = await call(0, '/api/documents', {
    method: 'POST',
    token: reader,
    json: { kind: 'grid' },
  })
  assert.equal(created.status, 403)
  const other = await writer('other', { 'canvas:*': 'write' })
  assert.equal((await call(0, path(name), { token: other })).status, 403)
  // Listing shows only what the token may see.
  const listed = await call(0, '/api/documents', { token: other })
  assert.ok(listed.body.documents.every((d: { kind: string }) => d.kind === 'canvas'))
})

test('the first screen of a grid shows its top rows as the app does, formulas computed', async () => {
  const token = await writer('ada')
  const created = await call(0, '/api/documents', {
    method: 'POST',
    token,
    json: { kind: 'grid', id: 'first-screen' },
  })
  assert.equal(created.status, 201)
  const name = 'grid:first-screen'
  const source = new Y.Doc()
  const grid = new GridModel(source)
  grid.initialize(100, 3)
  const layout = grid.layout()
  const [a, b] = layout.colIds as [string, string]
  const ada = { id: 'ada', name: 'Ada' }
  for (const [i, rowId] of layout.rowIds.entries()) grid.setCell(rowId, a, String(i + 1), ada)
  grid.setCell(layout.rowIds[0] as string, b, toStoredFormula('=SUM(A1:A100)', layout), ada)
  grid.setCell(layout.rowIds[1] as string, b, 'text', ada)
  const update = Y.encodeStateAsUpdate(source)
  assert.equal(
    (await call(0, path(name, 'updates'), { method: 'POST', token, body: update })).status,
    200,
  )

  // Node A, holding it, stores its first screen at its save; node B, which has not loaded the
  // sheet, answers from that row.
  await waitFor('the first screen is stored', async () => {
    const stored = await db.query(
      'SELECT screen FROM grid_first_screens WHERE document_name = $1',
      [name],
    )
    return stored.rows[0]?.screen.rows[0].cells[1].text === '5050'
  })
  const screen = await call(1, `${path(name, 'first-screen')}?rows=3&cols=2`, { token })
  assert.equal(screen.status, 200)
  assert.equal(screen.body.rowCount, 100)
  assert.equal(screen.body.colCount, 3)
  assert.deepEqual(screen.body.sheet, { id: 'main', name: 'Sheet1' })
  assert.deepEqual(
    screen.body.rows.map((r: { cells: { text: string }[] }) => r.cells.map((c) => c.text)),
    [
      ['1', '5050'],
      ['2', 'text'],
      ['3', ''],
    ],
  )
  assert.equal(screen.body.rows[0].cells[1].kind, 'num')

  // A later change made on node A reaches node B's answer after A's next save.
  const before = Y.encodeStateVector(source)
  grid.setCell(layout.rowIds[0] as string, a, '1001', ada)
  const change = Y.encodeStateAsUpdate(source, before)
  assert.equal(
    (await call(0, path(name, 'updates'), { method: 'POST', token, body: change })).status,
    200,
  )
  await waitFor('node B shows the change in its first screen', async () => {
    const later = await call(1, `${path(name, 'first-screen')}?rows=1&cols=2`, { token })
    const shown = later.body.rows[0].cells.map((c: { text: string }) => c.text)
    return shown[0] === '1001' && shown[1] === '6050'
  })

  const cases: [string, number, RegExp][] = [
    [`${path(name, 'first-screen')}?rows=100&cols=100`, 400, /GRID_FIRST_SCREEN_MAX_CELLS/],
    [`${path(name, 'first-screen')}?rows=-1`, 400, /rows/],
    [path('grid:never-made', 'first-screen'), 404, /no document/],
  ]
  for (const [target, status, message] of cases) {
    const response = await call(1, target, { token })
    assert.equal(response.status, status, target)
    assert.match(response.body.error, message, target)
  }
  const unreadable = await call(1, path(name, 'first-screen'), {
    token: await writer('eve', { 'grid:other': 'read' }),
  })
  assert.equal(unreadable.status, 403)
})

test('a grid imported as row blocks reads through the API as the app shows it; a hostile block as nothing', async () => {
  const token = await writer('ada')
  const name = 'grid:row-blocks'
  const made = await call(0, '/api/documents', {
    method: 'POST',
    token,
    json: { kind: 'grid', id: 'row-blocks' },
  })
  assert.equal(made.status, 201)
  const source = new Y.Doc()
  const grid = new GridModel(source)
  grid.initialize(3, 2)
  const layout = grid.layout()
  const [r0, r1, r2] = layout.rowIds as [string, string, string]
  const [a, b] = layout.colIds as [string, string]
  const ada = { id: 'ada', name: 'Ada' }
  // Decision 0203: an import into blank rows is one grid.blocks entry per row.
  grid.setRowsInBulk(
    [
      { rowId: r0, colId: a, value: '2' },
      { rowId: r0, colId: b, value: toStoredFormula('=A1*A2', layout) },
      { rowId: r1, colId: a, value: '21' },
    ],
    ada,
  )
  assert.equal(grid.blocks.size, 2)
  // A block no client writes (nested JSON) on the third row: it must show nothing.
  grid.blocks.set(`${r2}/evil`, `["k","${a}",${'['.repeat(10_000)}${']'.repeat(10_000)}]`)
  const update = Y.encodeStateAsUpdate(source)
  assert.equal(
    (await call(0, path(name, 'updates'), { method: 'POST', token, body: update })).status,
    200,
  )

  const screen = await call(1, `${path(name, 'first-screen')}?rows=3&cols=2`, { token })
  assert.equal(screen.status, 200)
  assert.deepEqual(
    screen.body.rows.map((r: { cells: { text: string }[] }) => r.cells.map((c) => c.text)),
    [
      ['2', '42'],
      ['21', ''],
      ['', ''],
    ],
  )
  const exported = await call(1, path(name, 'export'), { token })
  assert.equal(exported.status, 200)
  assert.deepEqual(
    exported.body.rows.map((r: { cells: string[] }) => r.cells),
    [
      ['2', toStoredFormula('=A1*A2', layout)],
      ['21', ''],
      ['', ''],
    ],
  )
})

test('bad input gets a clear JSON error and never a 500', async () => {
  const token = await writer('fuzzer')
  const cases: [string, Parameters<typeof call>[2], number, RegExp][] = [
    ['/api/documents', { method: 'POST', token, json: { kind: 'sheet' } }, 400, /kind/],
    ['/api/documents', { method: 'POST', token, json: { kind: 'grid', title: 7 } }, 400, /title/],
    ['/api/documents', { method: 'POST', token, json: { kind: 'grid', id: 'a/b' } }, 400, /id/],
    ['/api/documents', { method: 'POST', token, body: new TextEncoder().encode('{') }, 400, /JSON/],
    [
      path('grid:x', 'updates'),
      { method: 'POST', token, body: new Uint8Array([1, 2, 3]) },
      400,
      /Yjs/,
    ],
    [
      path('grid:x', 'updates'),
      { method: 'POST', token, body: new Uint8Array(MAX_BODY + 1) },
      413,
      /API_MAX_BODY_BYTES/,
    ],
    [path('nope:x'), { token }, 400, /document name/],
    [path(`grid:${'a'.repeat(300)}`), { token }, 400, /longer/],
    [path('grid:never-made'), { token }, 404, /no document/],
    [`${path('grid:never-made', 'export')}?format=pdf`, { token }, 404, /no document/],
    [
      path('grid:x', 'restore'),
      { method: 'POST', token, json: { version: 'yesterday' } },
      400,
      /version/,
    ],
    [path('grid:x', 'versions'), { method: 'DELETE', token }, 405, /method/],
    [
      path('canvas:x/tiles', 'updates'),
      { method: 'POST', token, body: new Uint8Array([0, 0]) },
      403,
      /tile/,
    ],
  ]
  for (const [target, init, status, message] of cases) {
    const response = await call(1, target, init)
    assert.equal(response.status, status, `${init?.method ?? 'GET'} ${target}`)
    assert.match(response.body.error, message, `${init?.method ?? 'GET'} ${target}`)
  }
})

test('each caller has API_REQUESTS_PER_MINUTE on a node, then 429 with Retry-After', async () => {
  const token = await writer('hasty')
  const statuses: number[] = []
  let refused: Awaited<ReturnType<typeof call>> | undefined
  const started = performance.now()
  for (let i = 0; i < PER_MINUTE + 20; i++) {
    const response = await call(0, '/api/documents?limit=1', { token })
    statuses.push(response.status)
    if (response.status === 429) refused = response
  }
  // The bucket refills continuously: what the elapsed time earned back may pass too.
  const refilled = Math.ceil(((performance.now() - started) / 60_000) * PER_MINUTE)
  const allowed = statuses.filter((s) => s === 200).length
  assert.ok(allowed >= PER_MINUTE && allowed <= PER_MINUTE + refilled, `${allowed} allowed`)
  assert.deepEqual(new Set(statuses), new Set([200, 429]))
  assert.match(refused?.body.error, /API_REQUESTS_PER_MINUTE/)
  assert.ok(Number(refused?.headers.get('retry-after')) >= 1)
  // Someone else is not held back by it.
  assert.equal(
    (await call(0, '/api/documents?limit=1', { token: await writer('calm') })).status,
    200,
  )
})

test('the OpenAPI document is valid OpenAPI 3.1 and describes the operations', async () => {
  const served = await call(0, '/api/openapi.json')
  assert.equal(served.status, 200)
  const validator = new Validator()
  const result = await validator.validate(served.body)
  assert.deepEqual(result.errors ?? [], [])
  assert.equal(result.valid, true)
  assert.equal(validator.version, '3.1')
  const paths = served.body.paths
  for (const [route, method] of [
    ['/api/documents', 'get'],
    ['/api/documents', 'post'],
    ['/api/documents/{name}', 'get'],
    ['/api/documents/{name}', 'patch'],
    ['/api/documents/{name}', 'delete'],
    ['/api/documents/{name}/export', 'get'],
    ['/api/documents/{name}/updates', 'post'],
    ['/api/documents/{name}/versions', 'get'],
    ['/api/documents/{name}/first-screen', 'get'],
    ['/api/documents/{name}/restore', 'post'],
    ['/api/documents/{name}/shares', 'get'],
    ['/api/documents/{name}/shares', 'post'],
    ['/api/documents/{name}/shares/{id}', 'delete'],
    ['/api/shares/open', 'post'],
    ['/api/me', 'get'],
    ['/api/me', 'put'],
  ] as const) {
    assert.ok(paths[route]?.[method], `${method.toUpperCase()} ${route} is described`)
  }
})

// `npm start`'s mode (embedded PGlite, no Redis, open dev mode): the home page's API works the
// same — create, rename, apply an update, export, versions and a restore.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type ServerNode, startNode } from '@weft/testkit'
import * as Y from 'yjs'

let dataDir: string
let node: ServerNode

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'weft-embedded-docs-'))
  node = await startNode({
    nodeId: 'solo-docs',
    env: { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' },
  })
})

after(async () => {
  await node?.kill()
  await rm(dataDir, { recursive: true, force: true })
})

async function json(path: string, init: RequestInit = {}) {
  const response = await fetch(`${node.url}${path}`, init)
  return { status: response.status, body: await response.json() }
}

test('create, rename, update, export, versions and restore on the embedded database', async () => {
  const created = await json('/api/documents', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'code', title: 'Scratch' }),
  })
  assert.equal(created.status, 201)
  const name: string = created.body.name
  assert.match(name, /^code:/)
  const path = `/api/documents/${encodeURIComponent(name)}`
  const renamed = await json(path, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Kept' }),
  })
  assert.equal(renamed.body.title, 'Kept')

  // A file of the project, written through the API in two steps.
  const filePath = `/api/documents/${encodeURIComponent(`${name}/main.js`)}`
  const doc = new Y.Doc()
  doc.getText('content').insert(0, 'first')
  const post = (update: Uint8Array) =>
    json(`${filePath}/updates`, { method: 'POST', body: Buffer.from(update) })
  assert.deepEqual((await post(Y.encodeStateAsUpdate(doc))).body, { changed: true, stored: true })
  const before = Y.encodeStateVector(doc)
  doc.getText('content').insert(5, ' and second')
  assert.equal((await post(Y.encodeStateAsUpdate(doc, before))).status, 200)
  assert.equal((await json(`${filePath}/export?format=json`)).body.content, 'first and second')

  // Logged updates only: a compaction may add a snapshot version whenever the document unloads
  // between these requests (it does on a slow machine), and that is a version too.
  const updateVersions = async () =>
    ((await json(`${filePath}/versions`)).body.versions as { id: string; kind: string }[]).filter(
      (version) => version.kind === 'update',
    )
  const versions = await updateVersions()
  assert.equal(versions.length, 2)
  const first = (versions[1] as { id: string }).id
  const restored = await json(`${filePath}/restore`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ version: first }),
  })
  assert.equal(restored.status, 200)
  assert.equal((await json(`${filePath}/export?format=json`)).body.content, 'first')
  assert.equal((await updateVersions()).length, 3)

  // The project lists as recently edited (its file was), under its title.
  const listed = (await json('/api/documents?q=kept')).body.documents
  assert.equal(listed[0]?.name, name)
})

test('a canvas image is stored in and served from the embedded database', async () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )
  const stored = await json('/api/documents/canvas%3Asolo-art/assets', {
    method: 'POST',
    body: png,
  })
  assert.equal(stored.status, 201)
  assert.equal(stored.body.id, createHash('sha256').update(png).digest('hex'))
  const fetched = await fetch(`${node.url}${stored.body.url}`)
  assert.equal(fetched.headers.get('content-type'), 'image/png')
  assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), png)
})

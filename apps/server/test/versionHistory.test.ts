// Issue 15, item 5, on the server: what the apps' history panels rely on. A code project's
// history includes its files' versions; a past version exports as it was (a project with each
// file's content then); restoring a project brings its files' contents back too, and a single
// file restores alone; a rename reaches connected clients live through the document's shared
// metadata and a restore leaves the title as it is. Real HTTP on a two-node fleet.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { fileDocName, fileText, ProjectModel } from '@weft/code-model'
import { GridModel } from '@weft/grid-model'
import { DOCUMENT_META_ROOT, mintAccessToken } from '@weft/protocol'
import { clientPool, documentPath, type Fleet, nodeHttp, startFleet, waitFor } from '@weft/testkit'
import pg from 'pg'

const SECRET = 'version-history-secret-0123456789'
let fleet: Fleet
let db: pg.Client
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET })
  db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
})

after(async () => {
  clients.destroyAll()
  await db?.end()
  await fleet?.destroy()
})

const tokenFor = (sub: string) =>
  mintAccessToken({ sub, name: `User ${sub}`, docs: { '*': 'write' } }, SECRET, '10m')

const call = nodeHttp(() => fleet)
const path = documentPath

async function logged(name: string): Promise<number> {
  const result = await db.query(
    'SELECT count(*)::int AS n FROM document_updates WHERE document_name = $1',
    [name],
  )
  return result.rows[0].n as number
}

test('a code project restores its files with its tree, and one file restores alone', async () => {
  const project = 'code:hist-project'
  const token = await tokenFor('ada')
  const tree = clients.connect(0, project, token)
  await tree.synced()
  const model = new ProjectModel(tree.doc)
  model.initialize(
    [
      { path: 'main.js', content: '' },
      { path: 'util.js', content: '' },
    ],
    { name: 'hist' },
  )
  const files = model.tree().files
  const main = files.find((f) => f.path === 'main.js')?.id as string
  const util = files.find((f) => f.path === 'util.js')?.id as string
  const mainDoc = clients.connect(0, fileDocName('hist-project', main), token)
  const utilDoc = clients.connect(0, fileDocName('hist-project', util), token)
  const watcher = clients.connect(1, fileDocName('hist-project', main), await tokenFor('bo'))
  await Promise.all([mainDoc.synced(), utilDoc.synced(), watcher.synced()])
  fileText(mainDoc.doc).insert(0, 'first main')
  fileText(utilDoc.doc).insert(0, 'first util')
  await waitFor('both files logged', async () => {
    return (
      (await logged(fileDocName('hist-project', main))) >= 1 &&
      (await logged(fileDocName('hist-project', util))) >= 1
    )
  })

  // The project's history lists its files' edits, each saying whose version it is.
  const listed = await call(1, path(project, 'versions'), { token })
  assert.equal(listed.status, 200)
  const newest = listed.body.versions[0]
  assert.match(newest.documentName, /^code:hist-project\//)
  const checkpoint = newest.id as string

  const mainText = fileText(mainDoc.doc)
  mainText.delete(0, mainText.length)
  mainText.insert(0, 'second main')
  const utilText = fileText(utilDoc.doc)
  utilText.delete(0, utilText.length)
  utilText.insert(0, 'second util')
  await waitFor('the watcher sees the second main', () => {
    return fileText(watcher.doc).toString() === 'second main'
  })

  // The past version exports as it was: each file's content then and its own version.
  const past = await call(1, `${path(project, 'export')}?format=json&version=${checkpoint}`, {
    token,
  })
  assert.equal(past.status, 200)
  const pastMain = past.body.files.find((f: { path: string }) => f.path === 'main.js')
  assert.equal(pastMain.content, 'first main')
  assert.match(pastMain.version, /^update:\d+$/)
  const pastUtil = past.body.files.find((f: { path: string }) => f.path === 'util.js')
  assert.equal(pastUtil.content, 'first util')

  // One file alone, through its own document's restore: the other file keeps its edit.
  const single = await call(0, path(fileDocName('hist-project', util), 'restore'), {
    method: 'POST',
    token,
    json: { version: pastUtil.version },
  })
  assert.equal(single.status, 200)
  await waitFor('util.js is back', () => fileText(utilDoc.doc).toString() === 'first util')
  assert.equal(fileText(mainDoc.doc).toString(), 'second main')

  // The whole project: main.js comes back too, for a client on the other node.
  const restored = await call(1, path(project, 'restore'), {
    method: 'POST',
    token,
    json: { version: checkpoint },
  })
  assert.equal(restored.status, 200)
  assert.ok(restored.body.filesRestored >= 1)
  await waitFor('main.js is back on the other node', () => {
    return fileText(watcher.doc).toString() === 'first main'
  })
  assert.equal(fileText(utilDoc.doc).toString(), 'first util')
})

test('a rename reaches connected clients live, and a restore keeps the new title', async () => {
  const name = 'grid:hist-title'
  const token = await tokenFor('cy')
  const editor = clients.connect(0, name, token)
  const viewer = clients.connect(1, name, await tokenFor('dee'))
  await Promise.all([editor.synced(), viewer.synced()])
  const grid = new GridModel(editor.doc)
  grid.initialize(2, 2)
  grid.setCell('r0', 'c0', 'before', { id: 'cy', name: 'Cy' })
  await waitFor('the edit is logged', async () => (await logged(name)) >= 2)
  const version = (await call(0, path(name, 'versions'), { token })).body.versions[0].id

  const renamed = await call(0, path(name), {
    method: 'PATCH',
    token,
    json: { title: 'Budget 2027' },
  })
  assert.equal(renamed.status, 200)
  const titleOf = (doc: typeof viewer.doc) => doc.getMap(DOCUMENT_META_ROOT).get('title')
  await waitFor('the viewer on the other node sees the title', () => {
    return titleOf(viewer.doc) === 'Budget 2027'
  })

  grid.setCell('r0', 'c0', 'after', { id: 'cy', name: 'Cy' })
  const restored = await call(1, path(name, 'restore'), {
    method: 'POST',
    token,
    json: { version },
  })
  assert.equal(restored.status, 200)
  await waitFor(
    'the content is back',
    () => new GridModel(viewer.doc).getValue('r0', 'c0') === 'before',
  )
  assert.equal(titleOf(viewer.doc), 'Budget 2027')
  assert.equal((await call(1, path(name), { token })).body.title, 'Budget 2027')
})

test('a past version of a grid exports as it was; a bad version id is a 400', async () => {
  const name = 'grid:hist-export'
  const token = await tokenFor('eve')
  const editor = clients.connect(0, name, token)
  await editor.synced()
  const grid = new GridModel(editor.doc)
  grid.initialize(1, 1)
  grid.setCell('r0', 'c0', 'then', { id: 'eve', name: 'Eve' })
  await waitFor('logged', async () => (await logged(name)) >= 2)
  const version = (await call(0, path(name, 'versions'), { token })).body.versions[0].id
  grid.setCell('r0', 'c0', 'now', { id: 'eve', name: 'Eve' })
  await waitFor('logged again', async () => (await logged(name)) >= 3)
  const past = await call(1, `${path(name, 'export')}?format=json&version=${version}`, { token })
  assert.equal(past.status, 200)
  assert.deepEqual(past.body.rows[0].cells, ['then'])
  assert.equal(past.body.version, version)
  const bad = await call(1, `${path(name, 'export')}?version=yesterday`, { token })
  assert.equal(bad.status, 400)
  assert.match(bad.body.error, /version/)
})

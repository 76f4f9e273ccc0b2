import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { DOC_NAME, fileDocName, projectDocName } from './docNames.ts'
import { applySeed, fileText } from './fileContent.ts'
import { ProjectModel, TreeError } from './ProjectModel.ts'

function replica(clientID: number): ProjectModel {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return new ProjectModel(doc)
}

/** Exchanges all updates both ways, as two clients reconnecting to the same server would. */
function sync(...models: ProjectModel[]): void {
  for (const a of models) {
    for (const b of models) {
      if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
    }
  }
}

const paths = (m: ProjectModel) => [...m.tree().byPath.keys()].sort()

test('create, rename, move and delete show up as paths', () => {
  const m = replica(1)
  const src = m.createFolder('src')
  const app = m.createFile('app.js', src, 'let a = 1\n')
  m.createFile('README.md')
  assert.deepEqual(paths(m), ['README.md', 'src', 'src/app.js'])
  m.rename(app, 'main.js')
  m.move(app, null)
  assert.deepEqual(paths(m), ['README.md', 'main.js', 'src'])
  m.remove(src)
  assert.deepEqual(paths(m), ['README.md', 'main.js'])
  assert.equal(m.tree().nodes.get(app)?.seed, 'let a = 1\n')
})

test('file ids make valid document names', () => {
  const m = replica(1)
  const id = m.createFile('a weird name (1).tsx')
  assert.match(fileDocName('p1', id), DOC_NAME)
  assert.match(projectDocName('p1'), DOC_NAME)
  assert.throws(() => fileDocName('p1', 'a/b'))
})

test('bad names and impossible moves are refused', () => {
  const m = replica(1)
  const a = m.createFolder('a')
  const b = m.createFolder('b', a)
  assert.throws(() => m.createFile('x/y'), TreeError)
  assert.throws(() => m.rename(a, '..'), TreeError)
  assert.throws(() => m.move(a, b), /into itself/)
  assert.throws(() => m.move(a, a), /into itself/)
  const f = m.createFile('f.txt')
  assert.throws(() => m.move(b, f), /no longer exists/)
  m.remove(a)
  assert.throws(() => m.rename(b, 'c'), /no longer exists/)
})

test('concurrent renames of one file: one name wins everywhere', () => {
  const a = replica(1)
  const id = a.createFile('index.js')
  const b = replica(2)
  sync(a, b)
  a.rename(id, 'main.js')
  b.rename(id, 'entry.js')
  sync(a, b)
  assert.deepEqual(paths(a), paths(b))
  assert.equal(a.tree().files.length, 1)
  assert.ok(['main.js', 'entry.js'].includes(a.tree().nodes.get(id)?.name as string))
})

test('two users creating the same path keep both files, the later one shown as "(2)"', () => {
  const a = replica(1)
  const b = replica(2)
  const first = a.createFile('utils.js', null, 'a')
  const second = b.createFile('utils.js', null, 'b')
  // Make the creation order explicit; the tie-break never depends on who syncs first.
  a.entries.get(first)?.set('createdAt', 1000)
  b.entries.get(second)?.set('createdAt', 2000)
  sync(a, b)
  assert.deepEqual(paths(a), ['utils (2).js', 'utils.js'])
  assert.deepEqual(paths(b), paths(a))
  assert.equal(a.tree().byPath.get('utils.js'), first)
  assert.equal(b.tree().byPath.get('utils (2).js'), second)
})

test('same-name folders created concurrently stay apart with their contents', () => {
  const a = replica(1)
  const b = replica(2)
  const fa = a.createFolder('lib')
  a.createFile('a.js', fa)
  const fb = b.createFolder('lib')
  b.createFile('b.js', fb)
  sync(a, b)
  assert.deepEqual(paths(a), paths(b))
  assert.equal(paths(a).filter((p) => p.endsWith('.js')).length, 2)
  assert.equal(a.tree().root.length, 2)
})

test('a literal "x (2).js" is not shadowed by a clash suffix', () => {
  const a = replica(1)
  const b = replica(2)
  a.createFile('x (2).js')
  a.createFile('x.js')
  b.createFile('x.js')
  sync(a, b)
  assert.deepEqual(paths(a), ['x (2).js', 'x (3).js', 'x.js'])
  assert.deepEqual(paths(b), paths(a))
})

test('a file moved into a folder deleted at the same time survives at the root', () => {
  const a = replica(1)
  const dir = a.createFolder('old')
  const inside = a.createFile('inside.js', dir)
  const file = a.createFile('keep.js', null, 'important')
  const b = replica(2)
  sync(a, b)
  a.remove(dir)
  b.move(file, dir)
  const created = b.createFile('new.js', dir)
  sync(a, b)
  assert.deepEqual(paths(a), ['keep.js', 'new.js'])
  assert.deepEqual(paths(b), paths(a))
  assert.equal(a.tree().nodes.get(file)?.rescued, true)
  assert.equal(a.tree().nodes.get(file)?.seed, 'important')
  assert.equal(a.tree().nodes.has(created), true)
  // What the deleter saw inside the folder is deleted with it.
  assert.equal(a.tree().nodes.has(inside), false)
})

test('a delete beats a concurrent rename; the file is gone, not duplicated', () => {
  const a = replica(1)
  const id = a.createFile('a.js')
  const b = replica(2)
  sync(a, b)
  a.remove(id)
  b.rename(id, 'b.js')
  sync(a, b)
  assert.deepEqual(paths(a), [])
  assert.deepEqual(paths(b), [])
})

test('folders moved into each other concurrently: the cycle is broken the same way everywhere', () => {
  const a = replica(1)
  const x = a.createFolder('x')
  const y = a.createFolder('y')
  a.createFile('in-x.js', x)
  a.createFile('in-y.js', y)
  const b = replica(2)
  sync(a, b)
  a.move(x, y)
  b.move(y, x)
  sync(a, b)
  const expected =
    x < y ? ['x', 'x/in-x.js', 'x/y', 'x/y/in-y.js'] : ['y', 'y/in-y.js', 'y/x', 'y/x/in-x.js']
  assert.deepEqual(paths(a), expected)
  assert.deepEqual(paths(b), expected)
})

test('a three-folder cycle keeps every folder and file', () => {
  const a = replica(1)
  const f1 = a.createFolder('f1')
  const f2 = a.createFolder('f2')
  const f3 = a.createFolder('f3')
  for (const f of [f1, f2, f3]) a.createFile('x.js', f)
  const b = replica(2)
  const c = replica(3)
  sync(a, b, c)
  a.move(f1, f2)
  b.move(f2, f3)
  c.move(f3, f1)
  sync(a, b, c)
  assert.deepEqual(paths(a), paths(b))
  assert.deepEqual(paths(b), paths(c))
  assert.equal(a.tree().files.length, 3)
  assert.equal(a.tree().root.length, 1)
})

test('a file seed is applied once however many replicas apply it, and never undoes edits', () => {
  const d1 = new Y.Doc()
  const d2 = new Y.Doc()
  applySeed(d1, 'hello\n')
  applySeed(d2, 'hello\n')
  Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2))
  Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1))
  assert.equal(fileText(d1).toString(), 'hello\n')
  fileText(d1).delete(0, 6)
  fileText(d1).insert(0, 'bye')
  applySeed(d1, 'hello\n')
  assert.equal(fileText(d1).toString(), 'bye')
})

test('initialize builds folders once from template paths in one transaction', () => {
  const m = replica(1)
  let transactions = 0
  m.doc.on('afterTransaction', () => transactions++)
  m.initialize(
    [
      { path: 'src/App.jsx', content: 'x' },
      { path: 'src/components/Button.jsx', content: 'y' },
      { path: 'index.html', content: '<p>' },
    ],
    { name: 'demo', template: 'react' },
  )
  assert.equal(transactions, 1)
  assert.deepEqual(paths(m), [
    'index.html',
    'src',
    'src/App.jsx',
    'src/components',
    'src/components/Button.jsx',
  ])
  assert.equal(m.readMeta().template, 'react')
  assert.equal(m.freeName(null, 'index.html'), 'index (2).html')
})

test('a delete goes to the trash with who did it, and restore brings the folder back whole', () => {
  const ada = replica(1)
  const bob = replica(2)
  const src = ada.createFolder('src')
  const counter = ada.createFile('Counter.jsx', src, 'export const n = 1\n')
  ada.createFile('App.jsx', src)
  sync(ada, bob)
  bob.remove(src, { id: 'u-bob', name: 'Bob' })
  sync(ada, bob)
  assert.deepEqual(paths(ada), [])
  const [item] = ada.trash()
  assert.equal(item?.id, src)
  assert.equal(item?.path, 'src')
  assert.equal(item?.deletedBy, 'Bob')
  assert.equal(ada.trash().length, 1, 'one item per delete, not per file inside')
  ada.restore(src)
  sync(ada, bob)
  assert.deepEqual(paths(bob), ['src', 'src/App.jsx', 'src/Counter.jsx'])
  assert.equal(bob.tree().nodes.get(counter)?.seed, 'export const n = 1\n')
  assert.deepEqual(bob.trash(), [])
  assert.throws(() => bob.restore(src), /not in the trash/)
})

test('restoring a file whose folder was deleted apart shows it at the root; separate deletes stay', () => {
  const m = replica(1)
  const src = m.createFolder('src')
  const a = m.createFile('a.js', src)
  m.remove(a)
  m.remove(src)
  assert.deepEqual(
    m
      .trash()
      .map((t) => t.path)
      .sort(),
    ['src', 'src/a.js'],
  )
  m.restore(a)
  assert.deepEqual(paths(m), ['a.js'])
  assert.equal(m.tree().nodes.get(a)?.rescued, true)
})

test('the other replica hears of a remote delete once, with the files inside it', async () => {
  const { watchRemoteDeletes } = await import('./watchDeletes.ts')
  const ada = replica(1)
  const bob = replica(2)
  const src = ada.createFolder('src')
  const counter = ada.createFile('Counter.jsx', src)
  sync(ada, bob)
  const heard: string[] = []
  const stop = watchRemoteDeletes(ada, (item, files) =>
    heard.push(`${item.deletedBy} deleted ${item.path}: ${files.join(',')}`),
  )
  ada.createFile('local.js')
  ada.remove(ada.tree().byPath.get('local.js') as string)
  bob.remove(src, { id: 'u-bob', name: 'Bob' })
  sync(ada, bob)
  stop()
  assert.deepEqual(heard, [`Bob deleted src: ${counter}`])
})

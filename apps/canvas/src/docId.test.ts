import assert from 'node:assert/strict'
import { test } from 'node:test'
import { docIdFromPath, documentNameFor, newDocId, pathFor, routeFromPath } from './docId.ts'

test('reads the id from /canvas/<id>', () => {
  assert.equal(docIdFromPath('/canvas/abc_1-2'), 'abc_1-2')
  assert.equal(docIdFromPath('/canvas/abc/extra'), 'abc')
  assert.equal(docIdFromPath('/canvas/'), null)
  assert.equal(docIdFromPath('/canvas/a%20b'), null)
  assert.equal(docIdFromPath('/grid/abc'), null)
})

test('/canvas/<id>/tiles is the tile board of the same id', () => {
  assert.deepEqual(routeFromPath('/canvas/abc'), { id: 'abc', mode: 'free' })
  assert.deepEqual(routeFromPath('/canvas/abc/'), { id: 'abc', mode: 'free' })
  assert.deepEqual(routeFromPath('/canvas/abc/tiles'), { id: 'abc', mode: 'tiles' })
  assert.deepEqual(routeFromPath('/canvas/abc/tiles/'), { id: 'abc', mode: 'tiles' })
  assert.deepEqual(routeFromPath('/canvas/abc/other'), { id: 'abc', mode: 'free' })
  assert.equal(routeFromPath('/canvas//tiles'), null)
  assert.equal(documentNameFor({ id: 'abc', mode: 'free' }), 'canvas:abc')
  assert.equal(documentNameFor({ id: 'abc', mode: 'tiles' }), 'canvas:abc/tiles')
  assert.equal(pathFor({ id: 'abc', mode: 'tiles' }), '/canvas/abc/tiles')
  assert.equal(pathFor({ id: 'abc', mode: 'free' }), '/canvas/abc')
})

test('new ids are usable in the path', () => {
  const id = newDocId()
  assert.equal(docIdFromPath(`/canvas/${id}`), id)
  assert.deepEqual(routeFromPath(`/canvas/${id}/tiles`), { id, mode: 'tiles' })
})

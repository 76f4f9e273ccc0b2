import assert from 'node:assert/strict'
import { test } from 'node:test'
import { docIdFromPath, newDocId } from './docId.ts'

test('reads the id from /canvas/<id>', () => {
  assert.equal(docIdFromPath('/canvas/abc_1-2'), 'abc_1-2')
  assert.equal(docIdFromPath('/canvas/abc/extra'), 'abc')
  assert.equal(docIdFromPath('/canvas/'), null)
  assert.equal(docIdFromPath('/canvas/a%20b'), null)
  assert.equal(docIdFromPath('/grid/abc'), null)
})

test('new ids are usable in the path', () => {
  const id = newDocId()
  assert.equal(docIdFromPath(`/canvas/${id}`), id)
})

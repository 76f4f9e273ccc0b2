import assert from 'node:assert/strict'
import { test } from 'node:test'
import { docIdFromPath, newDocId } from './docId.ts'

test('the grid id is the path segment after /grid/', () => {
  assert.equal(docIdFromPath('/grid/abc-123'), 'abc-123')
  assert.equal(docIdFromPath('/grid/abc/extra'), 'abc')
  assert.equal(docIdFromPath('/grid/'), null)
  assert.equal(docIdFromPath('/grid/bad id!'), null)
  assert.equal(docIdFromPath('/code/abc'), null)
})

test('new ids are usable grid ids and differ', () => {
  const a = newDocId()
  assert.equal(docIdFromPath(`/grid/${a}`), a)
  assert.notEqual(a, newDocId())
})

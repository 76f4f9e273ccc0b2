import assert from 'node:assert/strict'
import { test } from 'node:test'
import { docPath, newDocId } from './docPaths.ts'

test('the id is the first segment after the base, and the rest is kept', () => {
  assert.deepEqual(docPath('/canvas/abc/tiles', '/canvas/'), { id: 'abc', rest: ['tiles'] })
  assert.deepEqual(docPath('/grid/abc', '/grid/'), { id: 'abc', rest: [] })
  assert.equal(docPath('/grid/', '/grid/'), null)
  assert.equal(docPath('/code/abc', '/grid/'), null)
})

test('ids outside the document-name rule, or badly escaped, are refused', () => {
  assert.equal(docPath('/grid/a.b', '/grid/'), null)
  assert.equal(docPath('/grid/a%20b', '/grid/'), null)
  assert.equal(docPath('/grid/%E0%A4%A', '/grid/'), null)
  assert.equal(docPath(`/grid/${'x'.repeat(65)}`, '/grid/'), null)
})

test('new ids are usable in a path', () => {
  const id = newDocId()
  assert.equal(docPath(`/grid/${id}`, '/grid/')?.id, id)
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { documentNameProblem, parseDocumentName } from './documentNames.ts'

test('the three kinds and per-file code documents are valid', () => {
  for (const name of ['grid:abc', 'code:p-1', 'code:p-1/src.main.ts', 'canvas:X_9']) {
    assert.equal(documentNameProblem(name), null, name)
  }
  assert.deepEqual(parseDocumentName('code:p1/f2'), { kind: 'code', id: 'p1', subId: 'f2' })
})

test('anything else is refused with a reason', () => {
  for (const name of [
    '',
    'grid:',
    'grid',
    'doc:1',
    'grid:a b',
    'grid:../x',
    `grid:${'a'.repeat(65)}`,
    'code:p/a/b',
    42,
  ]) {
    assert.ok(documentNameProblem(name), String(name))
  }
})

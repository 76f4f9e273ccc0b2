import assert from 'node:assert/strict'
import { test } from 'node:test'
import { docSelection } from './docSelection.ts'

test('one selection per revision: the same value until the revision moves', () => {
  let revision = 0
  let calls = 0
  const get = docSelection({ getRevision: () => revision }, () => {
    calls += 1
    return { calls }
  })
  const first = get()
  assert.equal(get(), first, 'same object for the same revision')
  revision += 1
  const second = get()
  assert.notEqual(second, first)
  assert.deepEqual([second, calls], [{ calls: 2 }, 2])
})

test('without a store the selection is made once', () => {
  let calls = 0
  const get = docSelection(null, () => ++calls)
  assert.deepEqual([get(), get(), get()], [1, 1, 1])
})

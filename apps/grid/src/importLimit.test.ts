import assert from 'node:assert/strict'
import { test } from 'node:test'
import { describeBytes, sizeProblem } from './importLimit.ts'

test('a file over the limit is refused with both sizes named; one at the limit is not', () => {
  const max = 10 * 1024 * 1024
  assert.equal(sizeProblem({ name: 'a.csv', size: max }, max), null)
  assert.equal(
    sizeProblem({ name: 'big.xlsx', size: 11 * 1024 * 1024 + 4 }, max),
    'big.xlsx is 11 MB; files up to 10 MB can be imported. Nothing was imported.',
  )
  assert.equal(describeBytes(1536), '2 KB')
  assert.equal(describeBytes(2.5 * 1024 * 1024), '2.5 MB')
})

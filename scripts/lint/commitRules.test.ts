import assert from 'node:assert/strict'
import { test } from 'node:test'
import { commitMessageProblems, MAX_SUBJECT } from './commitRules.ts'

test('a short subject with a body passes', () => {
  assert.deepEqual(commitMessageProblems('grid: split GridView', 'Each concern in its file.\n'), [])
})

test('a subject of exactly the limit passes, one more fails', () => {
  const body = 'Why.'
  assert.deepEqual(commitMessageProblems('x'.repeat(MAX_SUBJECT), body), [])
  assert.deepEqual(commitMessageProblems('x'.repeat(MAX_SUBJECT + 1), body), [
    `subject is ${MAX_SUBJECT + 1} characters (at most ${MAX_SUBJECT})`,
  ])
})

test('a missing body fails, and trailers alone are not a body', () => {
  const noBody = 'no body saying why (one blank line after the subject)'
  assert.deepEqual(commitMessageProblems('subject', ''), [noBody])
  assert.deepEqual(commitMessageProblems('subject', '\n  \n'), [noBody])
  assert.deepEqual(commitMessageProblems('subject', 'Signed-off-by: A <a@b.c>\n'), [noBody])
})

test('an empty subject fails', () => {
  assert.deepEqual(commitMessageProblems('', 'Body.'), ['empty subject'])
})

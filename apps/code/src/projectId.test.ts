import assert from 'node:assert/strict'
import { test } from 'node:test'
import { projectIdFromPath } from './projectId.ts'

test('the project id comes from /code/<id>', () => {
  assert.equal(projectIdFromPath('/code/abc_1-X'), 'abc_1-X')
  assert.equal(projectIdFromPath('/code/abc/extra'), 'abc')
  assert.equal(projectIdFromPath('/code/'), null)
  assert.equal(projectIdFromPath('/code/a.b'), null)
  assert.equal(projectIdFromPath('/grid/abc'), null)
})

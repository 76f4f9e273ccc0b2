import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseRequestTarget } from './requestTarget.ts'

test('only origin-form targets are accepted', () => {
  for (const target of [
    '//evil:8080/api/presence',
    'http://evil:8080/api/presence',
    '/\\evil/api/presence',
    '*',
    '',
    undefined,
  ]) {
    assert.deepEqual(parseRequestTarget(target), { ok: false, problem: 'not-origin-form' }, target)
  }
  const parsed = parseRequestTarget('/api/presence/grid%3Aa?token=x')
  assert.ok(parsed.ok)
  assert.equal(parsed.url.pathname, '/api/presence/grid%3Aa')
  assert.equal(parsed.url.search, '?token=x')
})

test('paths whose escapes do not decode are refused', () => {
  for (const target of [
    '/grid/%00%ff',
    '/code/%E0%A4%A',
    '/canvas/%',
    '/api/documents/%ff/history',
  ]) {
    assert.deepEqual(parseRequestTarget(target), { ok: false, problem: 'malformed-escape' }, target)
  }
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiRoute } from './apiRoute.ts'

test('document names are read encoded or not, with or without an action', () => {
  assert.deepEqual(apiRoute('/api/documents'), { resource: 'collection' })
  assert.deepEqual(apiRoute('/api/documents/grid:abc'), { resource: 'document', name: 'grid:abc' })
  assert.deepEqual(apiRoute('/api/documents/grid%3Aabc/export'), {
    resource: 'action',
    name: 'grid:abc',
    action: 'export',
  })
  assert.deepEqual(apiRoute('/api/documents/code%3Ap%2Fmain.ts/versions'), {
    resource: 'action',
    name: 'code:p/main.ts',
    action: 'versions',
  })
  assert.deepEqual(apiRoute('/api/documents/code:p/main.ts'), {
    resource: 'document',
    name: 'code:p/main.ts',
  })
  assert.deepEqual(apiRoute('/api/openapi.json'), { resource: 'openapi' })
  assert.deepEqual(apiRoute('/api/documents/grid:abc/shares'), {
    resource: 'action',
    name: 'grid:abc',
    action: 'shares',
  })
  assert.deepEqual(apiRoute('/api/documents/grid%3Aabc/shares/s1'), {
    resource: 'share',
    name: 'grid:abc',
    shareId: 's1',
  })
  assert.deepEqual(apiRoute('/api/shares/open'), { resource: 'openShare' })
  assert.equal(apiRoute('/api/documents//x'), null)
  assert.equal(apiRoute('/api/presence'), null)
})

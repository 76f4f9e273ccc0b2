import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadIdentity, saveIdentity } from './identity.ts'

function memoryStore() {
  const m = new Map<string, string>()
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => m.set(k, v),
  }
}

test('an identity is created once and kept across loads', () => {
  const store = memoryStore()
  const first = loadIdentity(store)
  assert.match(first.id, /^u-/)
  assert.deepEqual(loadIdentity(store), first)
  saveIdentity(store, { ...first, name: 'Renamed' })
  assert.equal(loadIdentity(store).name, 'Renamed')
})

test('a corrupt stored identity is replaced, not fatal', () => {
  const store = memoryStore()
  store.setItem('weft.identity', '{oops')
  assert.match(loadIdentity(store).id, /^u-/)
})

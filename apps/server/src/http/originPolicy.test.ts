import assert from 'node:assert/strict'
import { test } from 'node:test'
import { originAllowed } from './originPolicy.ts'

test('own origin, listed origins and no Origin pass; any other origin does not', () => {
  const allowed = ['https://app.example.com']
  assert.equal(originAllowed(undefined, 'weft.example.com', allowed), true)
  assert.equal(originAllowed('https://weft.example.com', 'weft.example.com', allowed), true)
  assert.equal(originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080', allowed), true)
  assert.equal(originAllowed('https://app.example.com', 'weft.example.com', allowed), true)
  assert.equal(originAllowed('https://evil.example', 'weft.example.com', allowed), false)
  assert.equal(
    originAllowed('https://weft.example.com.evil.example', 'weft.example.com', allowed),
    false,
  )
  assert.equal(originAllowed('null', 'weft.example.com', allowed), false)
  assert.equal(originAllowed('https://weft.example.com', undefined, allowed), false)
})

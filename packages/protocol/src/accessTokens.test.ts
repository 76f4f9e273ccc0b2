import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type AccessClaims,
  accessFor,
  devModeClaims,
  mintAccessToken,
  type TokenError,
  verifyAccessToken,
} from './accessTokens.ts'

const claims = (docs: AccessClaims['docs']): AccessClaims => ({ sub: 'u', docs })

test('no matching pattern means no access', () => {
  assert.equal(accessFor(claims({ 'grid:*': 'write' }), 'canvas:1'), null)
  assert.equal(accessFor(claims({}), 'grid:1'), null)
})

test('the most specific pattern decides', () => {
  assert.equal(accessFor(claims({ '*': 'read', 'grid:team-*': 'write' }), 'grid:team-7'), 'write')
  assert.equal(accessFor(claims({ '*': 'read', 'grid:team-*': 'write' }), 'grid:other'), 'read')
  assert.equal(accessFor(claims({ '*': 'write', 'grid:secret': 'read' }), 'grid:secret'), 'read')
})

test('pattern characters other than * are literal', () => {
  assert.equal(accessFor(claims({ 'code:a.b': 'write' }), 'code:aXb'), null)
  assert.equal(accessFor(claims({ 'code:p1/*': 'write' }), 'code:p1/file-2'), 'write')
})

test('tokens are verified: signature, expiry, claims', async () => {
  const token = await mintAccessToken(
    { sub: 'ada', name: 'Ada', docs: { '*': 'read' } },
    'secret-one-0123456789',
  )
  assert.equal((await verifyAccessToken(token, 'secret-one-0123456789')).name, 'Ada')
  await assert.rejects(
    verifyAccessToken(token, 'secret-two-0123456789'),
    (error: TokenError) => error.problem === 'bad-signature',
  )
  const expired = await mintAccessToken({ sub: 'ada', docs: {} }, 'secret-one-0123456789', -10)
  await assert.rejects(
    verifyAccessToken(expired, 'secret-one-0123456789'),
    (error: TokenError) => error.problem === 'expired',
  )
  const noDocs = await mintAccessToken({ sub: 'ada' } as AccessClaims, 'secret-one-0123456789')
  await assert.rejects(
    verifyAccessToken(noDocs, 'secret-one-0123456789'),
    (error: TokenError) => error.problem === 'bad-claims',
  )
})

test('dev mode reads the user from an unsigned token and grants write', () => {
  const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')
  const body = Buffer.from('{"sub":"u1","name":"Uma"}').toString('base64url')
  assert.deepEqual(devModeClaims(`${header}.${body}.`), {
    sub: 'u1',
    name: 'Uma',
    docs: { '*': 'write' },
  })
  assert.equal(devModeClaims('garbage').sub, 'anonymous')
})

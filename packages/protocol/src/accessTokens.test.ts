import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SignJWT } from 'jose'
import {
  type AccessClaims,
  accessFor,
  devModeClaims,
  mintAccessToken,
  type TokenError,
  type TokenPolicy,
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

const KEY = 'secret-one-0123456789'
const policy = (extra: Partial<TokenPolicy> = {}): TokenPolicy => ({
  secrets: [KEY],
  maxLifetimeSeconds: 24 * 3600,
  ...extra,
})
const signed = (payload: Record<string, unknown>, key = KEY) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key))
const now = () => Math.floor(Date.now() / 1000)
const problemOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: TokenError) => error.problem,
  )

test('a token without exp is refused; one past exp by less than the 30 s leeway is not', async () => {
  const base = { sub: 'ada', docs: { '*': 'read' } }
  assert.equal(await problemOf(verifyAccessToken(await signed(base), policy())), 'bad-claims')
  const justExpired = await signed({ ...base, exp: now() - 10 })
  assert.equal(await problemOf(verifyAccessToken(justExpired, policy())), 'accepted')
  const longExpired = await signed({ ...base, exp: now() - 60 })
  assert.equal(await problemOf(verifyAccessToken(longExpired, policy())), 'expired')
})

test('a token living longer than the maximum lifetime is refused', async () => {
  const base = { sub: 'ada', docs: { '*': 'read' } }
  const day = await signed({ ...base, iat: now(), exp: now() + 24 * 3600 })
  assert.equal(await problemOf(verifyAccessToken(day, policy())), 'accepted')
  const week = await signed({ ...base, iat: now(), exp: now() + 7 * 24 * 3600 })
  assert.equal(await problemOf(verifyAccessToken(week, policy())), 'bad-claims')
  // Without iat the lifetime counts from now: an old iat cannot be omitted to pass.
  const noIat = await signed({ ...base, exp: now() + 48 * 3600 })
  assert.equal(await problemOf(verifyAccessToken(noIat, policy())), 'bad-claims')
  const shortPolicy = policy({ maxLifetimeSeconds: 3600 })
  assert.equal(await problemOf(verifyAccessToken(day, shortPolicy)), 'bad-claims')
})

test('issuer and audience are required when configured', async () => {
  const base = { sub: 'ada', docs: { '*': 'read' }, exp: now() + 600 }
  const strict = policy({ issuer: 'https://auth.example', audience: 'weft' })
  const good = await signed({ ...base, iss: 'https://auth.example', aud: ['weft', 'other'] })
  assert.equal(await problemOf(verifyAccessToken(good, strict)), 'accepted')
  for (const payload of [
    base,
    { ...base, iss: 'https://evil.example', aud: 'weft' },
    { ...base, iss: 'https://auth.example', aud: 'other' },
  ]) {
    assert.equal(await problemOf(verifyAccessToken(await signed(payload), strict)), 'bad-claims')
  }
})

test('during a rotation tokens of both keys are accepted, and only those', async () => {
  const previous = 'secret-old-0123456789'
  const rotating = policy({ secrets: [KEY, previous] })
  const payload = { sub: 'ada', docs: { '*': 'read' }, exp: now() + 600 }
  assert.equal(await problemOf(verifyAccessToken(await signed(payload), rotating)), 'accepted')
  const old = await signed(payload, previous)
  assert.equal(await problemOf(verifyAccessToken(old, rotating)), 'accepted')
  assert.equal(await problemOf(verifyAccessToken(old, policy())), 'bad-signature')
  const other = await signed(payload, 'secret-xyz-0123456789')
  assert.equal(await problemOf(verifyAccessToken(other, rotating)), 'bad-signature')
})

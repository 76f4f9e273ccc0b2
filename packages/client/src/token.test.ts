import assert from 'node:assert/strict'
import { test } from 'node:test'
import { devToken, identityForToken, readClaims, resolveToken } from './token.ts'

function memoryStore() {
  const m = new Map<string, string>()
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => m.set(k, v),
  }
}

const me = { id: 'u-1', name: 'Zoë ✓', color: '#000' }

test('dev token is an unsigned JWT carrying sub and name', () => {
  const token = devToken(me)
  const [header, payload, signature] = token.split('.')
  assert.equal(signature, '')
  assert.deepEqual(JSON.parse(Buffer.from(header as string, 'base64url').toString()), {
    alg: 'none',
    typ: 'JWT',
  })
  assert.deepEqual(JSON.parse(Buffer.from(payload as string, 'base64url').toString()), {
    sub: 'u-1',
    name: 'Zoë ✓',
  })
  assert.deepEqual(readClaims(token), { sub: 'u-1', name: 'Zoë ✓' })
})

test('?token= wins and is remembered for the next visit', () => {
  const store = memoryStore()
  assert.equal(resolveToken('?token=abc.def.ghi', store, me), 'abc.def.ghi')
  assert.equal(resolveToken('', store, me), 'abc.def.ghi')
})

test('with no token at all, a dev token is used', () => {
  assert.equal(resolveToken('', memoryStore(), me), devToken(me))
})

test('a real token’s claims name the user', () => {
  const token = devToken({ id: 'sso-42', name: 'Ada' })
  assert.deepEqual(identityForToken(token, me), { id: 'sso-42', name: 'Ada', color: '#000' })
  assert.deepEqual(identityForToken('not-a-jwt', me), me)
})

test('a token given in the URL is removed from the address bar at once, the rest kept', () => {
  const replaced: string[] = []
  const bar = {
    location: { href: 'https://weft.example/grid/a?x=1&token=abc.def.ghi#cell-B2' },
    history: {
      state: { kept: true },
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) =>
        void replaced.push(String(url)),
    },
  }
  assert.equal(resolveToken('?x=1&token=abc.def.ghi', memoryStore(), me, bar), 'abc.def.ghi')
  assert.deepEqual(replaced, ['https://weft.example/grid/a?x=1#cell-B2'])
  // Without a token in the URL the address bar is left alone.
  resolveToken('?x=1', memoryStore(), me, {
    ...bar,
    location: { href: 'https://weft.example/grid/a?x=1' },
  })
  assert.equal(replaced.length, 1)
})

test("a share link's token serves its document only, until it expires", () => {
  const store = { ...memoryStore(), removeItem: (k: string) => removed.push(k) }
  const removed: string[] = []
  const payload = (exp: number) =>
    Buffer.from(JSON.stringify({ sub: 'guest:1', exp })).toString('base64url')
  const shared = `h.${payload(2_000)}.s`
  store.setItem('weft.token', 'own-token')
  store.setItem('weft.share-token.grid:a', shared)
  assert.equal(resolveToken('', store, me, undefined, 'grid:a', 1_000_000), shared)
  assert.equal(resolveToken('', store, me, undefined, 'grid:b', 1_000_000), 'own-token')
  // Past its exp: forgotten, and the browser's own token is used.
  assert.equal(resolveToken('', store, me, undefined, 'grid:a', 3_000_000), 'own-token')
  assert.deepEqual(removed, ['weft.share-token.grid:a'])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from './ConfigError.ts'
import { parseServerConfig } from './serverConfig.ts'

const SECRET = 'a-token-secret-of-enough-length'
const OIDC = {
  AUTH_SECRET: SECRET,
  OIDC_ISSUER_URL: 'https://login.example.com/realms/team',
  OIDC_CLIENT_ID: 'weft',
  OIDC_CLIENT_SECRET: 'client-secret-value-9f8e7d',
  OIDC_REDIRECT_URL: 'https://weft.example.com/auth/callback',
}

test('OIDC is off by default and on with its settings, with defaults for the rest', () => {
  assert.equal(parseServerConfig({}).oidc, undefined)
  assert.deepEqual(parseServerConfig(OIDC).oidc, {
    issuerUrl: OIDC.OIDC_ISSUER_URL,
    clientId: 'weft',
    clientSecret: OIDC.OIDC_CLIENT_SECRET,
    redirectUrl: OIDC.OIDC_REDIRECT_URL,
    nameClaim: 'name',
    scopes: 'openid profile email',
    docs: { '*': 'write' },
  })
  const loopback = parseServerConfig({
    ...OIDC,
    OIDC_ISSUER_URL: 'http://127.0.0.1:5556/dex',
    OIDC_REDIRECT_URL: 'http://127.0.0.1:8080/auth/callback',
    OIDC_DOCS: '{"grid:*":"write","*":"read"}',
  })
  assert.deepEqual(loopback.oidc?.docs, { 'grid:*': 'write', '*': 'read' })
})

test('a bad or half OIDC setting is one line naming the variable, never the secret', () => {
  const cases: [Record<string, string | undefined>, RegExp][] = [
    [
      { OIDC_ISSUER_URL: 'http://login.example.com' },
      /^invalid OIDC_ISSUER_URL: must be an https URL/,
    ],
    [
      { OIDC_REDIRECT_URL: 'https://weft.example.com/callback' },
      /^invalid OIDC_REDIRECT_URL: must end in \/auth\/callback/,
    ],
    [{ OIDC_CLIENT_ID: undefined }, /^OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set$/],
    [{ OIDC_REDIRECT_URL: undefined }, /^OIDC_REDIRECT_URL is required/],
    [{ AUTH_SECRET: undefined }, /^AUTH_SECRET is required when OIDC_ISSUER_URL is set/],
    [{ OIDC_SCOPES: 'profile email' }, /^invalid OIDC_SCOPES.*: must include openid/],
    [{ OIDC_NAME_CLAIM: 'a b' }, /^invalid OIDC_NAME_CLAIM/],
    [{ OIDC_DOCS: '{"*":"admin"}' }, /^invalid OIDC_DOCS.*: must be a JSON object/],
    [{ OIDC_ISSUER_URL: undefined }, /^OIDC_CLIENT_ID is set but OIDC_ISSUER_URL is not$/],
  ]
  for (const [change, message] of cases) {
    const env = Object.fromEntries(
      Object.entries({ ...OIDC, ...change }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>
    assert.throws(
      () => parseServerConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, message)
        assert.ok(!error.message.includes('\n'), 'one line')
        assert.ok(!error.message.includes(OIDC.OIDC_CLIENT_SECRET), 'no secret')
        return true
      },
      JSON.stringify(change),
    )
  }
})

// Issue 19, item 4: tokens on a production-mode node (with the presence service) must carry exp,
// live no longer than TOKEN_MAX_LIFETIME, name the configured issuer; and the documented key
// rotation (docs/security.md) works: new key + AUTH_SECRET_PREVIOUS, then the previous key removed.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { clientPool, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import { SignJWT } from 'jose'

const OLD_KEY = 'rotation-old-key-0123456789'
const NEW_KEY = 'rotation-new-key-0123456789'
const ISSUER = 'https://auth.example'
let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({
    nodes: 1,
    authSecret: OLD_KEY,
    presence: true,
    env: { NODE_ENV: 'production', TOKEN_MAX_LIFETIME: '1h', AUTH_ISSUER: ISSUER },
  })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const docs = { 'grid:*': 'write' } as const
const token = (key: string) => mintAccessToken({ sub: 'ada', docs, iss: ISSUER }, key, '10m')
const now = () => Math.floor(Date.now() / 1000)

async function syncs(documentName: string, jwt: string) {
  await clients.connect(0, documentName, jwt).synced()
}

async function refused(documentName: string, jwt: string) {
  const client: TestClient = clients.connect(0, documentName, jwt)
  await waitFor(`refusal on ${documentName}`, () => client.closeCodes.includes(4401))
  assert.equal(client.provider.isSynced, false)
}

/** Restarts the node with `change` applied to its environment (how an operator redeploys). */
async function redeploy(change: Record<string, string | undefined>) {
  const node = fleet.nodes[0]
  assert.ok(node)
  await node.stop()
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete fleet.env[name]
    else fleet.env[name] = value
  }
  await node.start()
}

test('exp is required, the lifetime bounded and the issuer checked', async () => {
  await syncs('grid:tok-ok', await token(OLD_KEY))
  const signed = (payload: Record<string, unknown>) =>
    new SignJWT({ sub: 'ada', docs, ...payload })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(OLD_KEY))
  await refused('grid:tok-no-exp', await signed({ iss: ISSUER }))
  await refused('grid:tok-long', await signed({ iss: ISSUER, iat: now(), exp: now() + 7200 }))
  await refused('grid:tok-no-iss', await signed({ iat: now(), exp: now() + 600 }))
  await refused('grid:tok-other-iss', await signed({ iss: 'https://evil', exp: now() + 600 }))
})

test('a key rotation: both keys during it, only the new one after', async () => {
  const oldToken = await token(OLD_KEY)
  const newToken = await token(NEW_KEY)
  await refused('grid:rot-new-early', newToken)
  // Step 1: the new key, the old one kept as previous.
  await redeploy({ AUTH_SECRET: NEW_KEY, AUTH_SECRET_PREVIOUS: OLD_KEY })
  await syncs('grid:rot-old', oldToken)
  await syncs('grid:rot-new', newToken)
  const history = await fetch(`${fleet.nodes[0]?.url}/api/documents/grid:rot-old/history`, {
    headers: { Authorization: `Bearer ${oldToken}` },
  })
  assert.equal(history.status, 200)
  // Step 2, once every old token has expired (TOKEN_MAX_LIFETIME): the previous key removed.
  await redeploy({ AUTH_SECRET_PREVIOUS: undefined })
  await refused('grid:rot-old-after', oldToken)
  await syncs('grid:rot-new-after', newToken)
})

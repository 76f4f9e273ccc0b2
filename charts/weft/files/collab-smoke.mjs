// `helm test` client: proves that the Service in front of the server nodes carries real
// collaboration. Two Hocuspocus providers open the same document through the Service; one
// writes a random value into a Y.Map, and the test passes only when the other one sees it.
//
// Runs inside the Weft image (its node_modules hold @hocuspocus/provider and yjs), mounted
// under /app so that bare imports resolve from /app/node_modules.
//
// Env: WEFT_URL (ws://host:port/collab), AUTH_SECRET (optional: unset = open dev mode),
// WEFT_DOCUMENT (document name), WEFT_TIMEOUT_MS.
import { createHmac, randomUUID } from 'node:crypto'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as Y from 'yjs'

const url = process.env.WEFT_URL
const documentName = `${process.env.WEFT_DOCUMENT ?? 'grid:helm-test'}-${randomUUID().slice(0, 8)}`
const timeoutMs = Number(process.env.WEFT_TIMEOUT_MS ?? 60000)
const secret = process.env.AUTH_SECRET ?? ''

if (!url) {
  console.error('collab-smoke: WEFT_URL is not set')
  process.exit(2)
}

const base64url = (value) => Buffer.from(value).toString('base64url')

/** An access token as a customer's backend would mint it (HS256, `docs` pattern → access). */
function mintToken(sub) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = base64url(
    JSON.stringify({
      sub,
      name: `helm test ${sub}`,
      exp: Math.floor(Date.now() / 1000) + 300,
      docs: { [documentName]: 'write' },
    }),
  )
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${signature}`
}

/** Opens one provider on its own socket and resolves once the document is synced. */
function connect(sub) {
  const doc = new Y.Doc()
  const websocketProvider = new HocuspocusProviderWebsocket({ url, maxAttempts: 5 })
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    document: doc,
    token: secret ? mintToken(sub) : 'dev',
  })
  // A provider given its own socket does not attach by itself: without this it never sends its
  // token and the server closes it with 4408 (seen on the local tier-2 cluster).
  provider.attach()
  const synced = new Promise((resolve, reject) => {
    provider.on('synced', () => resolve(undefined))
    provider.on('authenticationFailed', ({ reason }) =>
      reject(new Error(`${sub}: authentication failed: ${reason}`)),
    )
  })
  return { doc, provider, websocketProvider, synced }
}

function fail(message) {
  console.error(`collab-smoke: FAIL: ${message}`)
  process.exit(1)
}

const timer = setTimeout(() => fail(`no round trip within ${timeoutMs} ms`), timeoutMs)

const writer = connect('helm-test-writer')
const reader = connect('helm-test-reader')
await Promise.all([writer.synced, reader.synced]).catch((error) => fail(error.message))
console.log(`collab-smoke: both providers synced ${documentName} through ${url}`)

const expected = randomUUID()
const seen = new Promise((resolve) => {
  const map = reader.doc.getMap('helm-test')
  const check = () => {
    if (map.get('value') === expected) resolve(undefined)
  }
  map.observe(check)
  check()
})
writer.doc.getMap('helm-test').set('value', expected)
await seen

clearTimeout(timer)
console.log('collab-smoke: PASS: the reader received the writer’s update')
for (const side of [writer, reader]) {
  side.provider.destroy()
  side.websocketProvider.destroy()
}
process.exit(0)

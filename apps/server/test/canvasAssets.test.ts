// A canvas's images over real HTTP on a two-node fleet with Redis and Postgres (docs/canvas-assets.md):
// stored by whoever may edit the canvas, fetched by whoever may read it (a read-only share link's
// holder included), served as what their first bytes say with nosniff and immutable caching; SVG,
// HTML, images over CANVAS_IMAGE_MAX_BYTES and uploads past CANVAS_ASSETS_MAX_BYTES are refused
// and store nothing; an image shape naming bytes the canvas does not hold is refused on the socket.
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, before, test } from 'node:test'
import { CanvasModel } from '@weft/canvas-model'
import { mintAccessToken } from '@weft/protocol'
import { clientPool, type Fleet, startFleet, waitFor } from '@weft/testkit'

const SECRET = 'canvas-assets-secret-0123456789'
const IMAGE_MAX = 4_096
const DOCUMENT_MAX = 10_000
let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    env: {
      CANVAS_IMAGE_MAX_BYTES: String(IMAGE_MAX),
      CANVAS_ASSETS_MAX_BYTES: String(DOCUMENT_MAX),
    },
  })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const tokenOf = (sub: string, docs: Record<string, 'read' | 'write'> = { '*': 'write' }) =>
  mintAccessToken({ sub, name: `User ${sub}`, docs }, SECRET, '10m')

/** A 1×1 PNG, as a browser would paste it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PNG_SIGNATURE = PNG.subarray(0, 8)
/** Bytes that start like a PNG: what the server checks (decoding is the browser's business). */
const pngOfSize = (size: number) => Buffer.concat([PNG_SIGNATURE, randomBytes(size - 8)])
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const assets = (name: string) => `/api/documents/${encodeURIComponent(name)}/assets`

async function upload(node: number, name: string, bytes: Uint8Array, token?: string) {
  const response = await fetch(`${fleet.nodes[node]?.url}${assets(name)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: Buffer.from(bytes),
  })
  // biome-ignore lint/suspicious/noExplicitAny: each test asserts the fields it reads.
  return { status: response.status, body: (await response.json()) as any }
}

async function download(node: number, name: string, id: string, token?: string, etag?: string) {
  return fetch(`${fleet.nodes[node]?.url}${assets(name)}/${id}`, {
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(etag ? { 'If-None-Match': etag } : {}),
    },
  })
}

test('an editor stores an image on one node; a reader fetches it from the other, cacheable for good', async () => {
  const ada = await tokenOf('ada')
  const stored = await upload(0, 'canvas:pictures', PNG, ada)
  assert.equal(stored.status, 201)
  assert.deepEqual(stored.body, {
    id: sha256(PNG),
    contentType: 'image/png',
    size: PNG.byteLength,
    url: `${assets('canvas:pictures')}/${sha256(PNG)}`,
  })
  // The same bytes again: the same asset, nothing more stored.
  const again = await upload(1, 'canvas:pictures', PNG, ada)
  assert.equal(again.status, 200)
  assert.equal(again.body.id, sha256(PNG))

  const reader = await tokenOf('bea', { 'canvas:pictures': 'read' })
  const fetched = await download(1, 'canvas:pictures', sha256(PNG), reader)
  assert.equal(fetched.status, 200)
  assert.equal(fetched.headers.get('content-type'), 'image/png')
  assert.equal(fetched.headers.get('x-content-type-options'), 'nosniff')
  assert.match(fetched.headers.get('cache-control') ?? '', /immutable/)
  assert.match(fetched.headers.get('cache-control') ?? '', /private/)
  assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), PNG)
  const etag = fetched.headers.get('etag') ?? ''
  assert.equal((await download(1, 'canvas:pictures', sha256(PNG), reader, etag)).status, 304)
})

test('SVG, HTML and unknown bytes are refused with 415; nothing is stored', async () => {
  const ada = await tokenOf('ada')
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
  )
  for (const body of [
    svg,
    Buffer.from('<html><script>alert(1)</script></html>'),
    randomBytes(64),
  ]) {
    const refused = await upload(0, 'canvas:types', body, ada)
    assert.equal(refused.status, 415)
    assert.match(refused.body.error, /only PNG, JPEG, GIF and WebP/)
    assert.equal((await download(0, 'canvas:types', sha256(body), ada)).status, 404)
  }
})

test('an image over CANVAS_IMAGE_MAX_BYTES, or past the canvas total, is refused with 413', async () => {
  const ada = await tokenOf('ada')
  const big = await upload(0, 'canvas:sizes', pngOfSize(IMAGE_MAX + 1), ada)
  assert.equal(big.status, 413)
  assert.match(big.body.error, /larger than .*CANVAS_IMAGE_MAX_BYTES/)
  // 3 × 3,000 bytes fit under 10,000; the fourth would not.
  const fitting = [pngOfSize(3_000), pngOfSize(3_000), pngOfSize(3_000)]
  for (const bytes of fitting)
    assert.equal((await upload(0, 'canvas:sizes', bytes, ada)).status, 201)
  const fourth = pngOfSize(3_000)
  const over = await upload(1, 'canvas:sizes', fourth, ada)
  assert.equal(over.status, 413)
  assert.match(over.body.error, /CANVAS_ASSETS_MAX_BYTES/)
  assert.equal((await download(1, 'canvas:sizes', sha256(fourth), ada)).status, 404)
  // An image the canvas holds already costs nothing: it is still accepted.
  assert.equal((await upload(1, 'canvas:sizes', fitting[0] as Buffer, ada)).status, 200)
})

test('no token is 401; a read-only share link shows images and cannot add any; other documents are closed', async () => {
  const ada = await tokenOf('ada')
  assert.equal((await upload(0, 'canvas:guarded-art', PNG)).status, 401)
  assert.equal((await upload(0, 'canvas:guarded-art', PNG, 'not-a-token')).status, 401)
  assert.equal((await upload(0, 'canvas:guarded-art', PNG, ada)).status, 201)
  assert.equal((await download(0, 'canvas:guarded-art', sha256(PNG))).status, 401)

  // A read link, opened by someone without a token of their own (as shareLinks.test.ts does).
  const link = await fetch(`${fleet.nodes[0]?.url}/api/documents/canvas%3Aguarded-art/shares`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ada}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'read', expiresInHours: 1 }),
  })
  assert.equal(link.status, 201)
  const opened = await fetch(`${fleet.nodes[1]?.url}/api/shares/open`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      link: ((await link.json()) as { url: string }).url,
      name: 'Guest',
      guestId: 'guest-browser',
    }),
  })
  const guest = ((await opened.json()) as { token: string }).token
  assert.equal((await download(1, 'canvas:guarded-art', sha256(PNG), guest)).status, 200)
  const refused = await upload(1, 'canvas:guarded-art', pngOfSize(100), guest)
  assert.equal(refused.status, 403)
  assert.match(refused.body.error, /read-only/)
  // The link's token opens no other canvas's images.
  assert.equal((await download(1, 'canvas:pictures', sha256(PNG), guest)).status, 403)
})

test("an asset id is only good on its own canvas: not fetched through another, refused in another's shapes", async () => {
  const ada = await tokenOf('ada')
  const mine = pngOfSize(500)
  assert.equal((await upload(0, 'canvas:owner-board', mine, ada)).status, 201)
  assert.equal((await download(0, 'canvas:other-board', sha256(mine), ada)).status, 404)
  assert.equal((await download(0, 'canvas:other-board', 'not-a-hash', ada)).status, 404)

  // On the socket: a shape naming the other canvas's bytes closes the writer with 4422.
  const writer = clients.connect(0, 'canvas:other-board', ada)
  const watcher = clients.connect(1, 'canvas:other-board', ada)
  await Promise.all([writer.synced(), watcher.synced()])
  const reasons: string[] = []
  writer.socket.on('close', ({ event }: { event: { reason: string } }) =>
    reasons.push(String(event.reason)),
  )
  new CanvasModel(writer.doc).add({
    type: 'image',
    x: 0,
    y: 0,
    w: 10,
    h: 10,
    asset: sha256(mine),
  })
  await waitFor('the writer is refused', () => writer.closeCodes.includes(4422))
  assert.match(reasons[0] ?? '', /is not an asset of this canvas/)

  // Uploaded to this canvas, the same image is accepted and reaches the other node.
  assert.equal((await upload(1, 'canvas:other-board', mine, ada)).status, 201)
  const next = clients.connect(0, 'canvas:other-board', ada)
  await next.synced()
  const id = new CanvasModel(next.doc).add({
    type: 'image',
    x: 0,
    y: 0,
    w: 10,
    h: 10,
    asset: sha256(mine),
  })
  const seen = new CanvasModel(watcher.doc)
  await waitFor('the image shape reaches node B', () => seen.get(id)?.asset === sha256(mine))
  assert.deepEqual(next.closeCodes, [])
})

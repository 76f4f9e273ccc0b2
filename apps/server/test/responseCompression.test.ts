// Text answers of a node (pages, the API's JSON) are compressed as the client asks: brotli,
// gzip or not at all, with Vary: Accept-Encoding; and every page's icon is there (no 404).
import assert from 'node:assert/strict'
import { get, type IncomingMessage } from 'node:http'
import { after, before, test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { type Fleet, startFleet } from '@weft/testkit'

let fleet: Fleet

before(async () => {
  fleet = await startFleet({ nodes: 1 })
})

after(async () => {
  await fleet?.destroy()
})

/** A raw GET (no client-side decoding), with the body as sent on the wire. */
function raw(
  path: string,
  acceptEncoding?: string,
): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }
    get(`${fleet.nodes[0]?.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
}

test('the home page and the API answer in brotli, gzip or plain, as asked', async () => {
  for (const path of ['/', '/api/openapi.json']) {
    const plain = await raw(path)
    assert.equal(plain.res.headers['content-encoding'], undefined, path)
    assert.equal(plain.res.headers.vary, 'Accept-Encoding', path)
    const br = await raw(path, 'gzip, deflate, br')
    assert.equal(br.res.headers['content-encoding'], 'br', path)
    assert.equal(br.res.headers.vary, 'Accept-Encoding', path)
    assert.ok(
      br.body.length < plain.body.length / 2,
      `${path}: ${br.body.length} < ${plain.body.length}/2`,
    )
    const gz = await raw(path, 'gzip;q=1, br;q=0')
    assert.equal(gz.res.headers['content-encoding'], 'gzip', path)
    if (path === '/api/openapi.json') {
      // The JSON decodes to the same document whichever way it came.
      const expected = JSON.parse(plain.body.toString())
      assert.deepEqual(JSON.parse(brotliDecompressSync(br.body).toString()), expected)
      assert.deepEqual(JSON.parse(gunzipSync(gz.body).toString()), expected)
    } else {
      assert.equal(brotliDecompressSync(br.body).toString().includes('<h1>Weft</h1>'), true)
    }
  }
})

test('every page links the icon, and the icon is served at both usual addresses', async () => {
  const home = await raw('/')
  assert.match(home.body.toString(), /<link rel="icon" href="\/favicon.svg"/)
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    const icon = await raw(path)
    assert.equal(icon.res.statusCode, 200, path)
    assert.equal(icon.res.headers['content-type'], 'image/svg+xml')
    assert.match(icon.body.toString(), /^<svg /)
  }
})

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import { serveApp } from './staticApps.ts'

test("an app's page carries its CSP with a fresh nonce, and says when the node is in open dev mode", async () => {
  const appsDir = mkdtempSync(join(tmpdir(), 'weft-apps-'))
  mkdirSync(join(appsDir, 'grid', 'dist'), { recursive: true })
  writeFileSync(
    join(appsDir, 'grid', 'dist', 'index.html'),
    '<html><head><title>t</title></head></html>',
  )
  let openDevMode = false
  const server = createServer((request, response) => {
    void serveApp(appsDir, request.url ?? '/', response, { frameAncestors: "'none'", openDevMode })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const first = await fetch(`${base}/grid/some-sheet`)
    const csp = first.headers.get('content-security-policy') ?? ''
    const html = await first.text()
    const nonce = /content="([^"]+)"/.exec(html)?.[1]
    assert.ok(nonce)
    assert.match(csp, new RegExp(`script-src 'self' 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`))
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(first.headers.get('x-content-type-options'), 'nosniff')
    assert.doesNotMatch(html, /weft-auth/)
    openDevMode = true
    const second = await (await fetch(`${base}/grid/some-sheet`)).text()
    assert.match(second, /<meta name="weft-auth" content="open-dev-mode">/)
    assert.notEqual(/content="([^"]+)"/.exec(second)?.[1], nonce, 'a nonce is used once')
  } finally {
    server.close()
    rmSync(appsDir, { recursive: true, force: true })
  }
})

test('the Grid page states GRID_IMPORT_MAX_BYTES for the app; other pages do not', async () => {
  const appsDir = mkdtempSync(join(tmpdir(), 'weft-apps-'))
  for (const app of ['grid', 'canvas']) {
    mkdirSync(join(appsDir, app, 'dist'), { recursive: true })
    writeFileSync(join(appsDir, app, 'dist', 'index.html'), '<html><head></head></html>')
  }
  const page = { frameAncestors: "'none'", openDevMode: false, gridImportMaxBytes: 2048 }
  const server = createServer((request, response) => {
    void serveApp(appsDir, request.url ?? '/', response, page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const grid = await (await fetch(`${base}/grid/budget`)).text()
    assert.match(grid, /<meta name="weft-grid-import-max-bytes" content="2048">/)
    const canvas = await (await fetch(`${base}/canvas/board`)).text()
    assert.doesNotMatch(canvas, /weft-grid-import-max-bytes/)
  } finally {
    server.close()
    rmSync(appsDir, { recursive: true, force: true })
  }
})

test("an app's scripts are compressed (and cached so), its images are not", async () => {
  const appsDir = mkdtempSync(join(tmpdir(), 'weft-apps-'))
  const assets = join(appsDir, 'code', 'dist', 'assets')
  mkdirSync(assets, { recursive: true })
  writeFileSync(join(appsDir, 'code', 'dist', 'index.html'), '<html><head></head></html>')
  const script = `export const words = ${JSON.stringify('weft '.repeat(5000))}\n`
  writeFileSync(join(assets, 'index-abc.js'), script)
  writeFileSync(join(assets, 'logo-abc.png'), Buffer.alloc(4096, 7))
  const server = createServer((request, response) => {
    void serveApp(appsDir, request.url ?? '/', response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const raw = (path: string) =>
    new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      get({ port, host: '127.0.0.1', path, headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      }).on('error', reject)
    })
  try {
    for (let i = 0; i < 2; i++) {
      const js = await raw('/code/assets/index-abc.js')
      assert.equal(js.headers['content-encoding'], 'br')
      assert.equal(js.headers.vary, 'Accept-Encoding')
      assert.equal(brotliDecompressSync(js.body).toString(), script)
      assert.ok(js.body.length < script.length / 10)
    }
    const png = await raw('/code/assets/logo-abc.png')
    assert.equal(png.headers['content-encoding'], undefined)
    assert.equal(png.body.length, 4096)
  } finally {
    server.close()
    rmSync(appsDir, { recursive: true, force: true })
  }
})

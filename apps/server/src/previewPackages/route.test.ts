import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import type { PreviewManifest } from './manifest.ts'
import { servePreviewPackage } from './route.ts'

// A built directory as scripts/buildPreviewPackages.ts lays it out, with a secret beside it
// that no request may reach.
const dir = mkdtempSync(join(tmpdir(), 'weft-preview-packages-'))
const script = `export const useState = () => 1; // ${'padding '.repeat(300)}`
let port = 0
const server = createServer((request, response) => {
  // The raw path: the route must refuse traversal itself, whatever parsed the target before it.
  void servePreviewPackage(
    dir,
    (request.url ?? '/').split('?')[0] as string,
    request,
    response,
  ).then((served) => {
    if (!served) {
      response.writeHead(418)
      response.end()
    }
  })
})

before(async () => {
  const manifest: PreviewManifest = {
    version: 1,
    imports: { react: 'react-AB12.js' },
    packages: { react: '19.3.1' },
    esbuildWasm: 'esbuild-abcd.wasm',
    files: ['react-AB12.js', 'esbuild-abcd.wasm', 'big-CD34.js'],
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  writeFileSync(join(dir, 'react-AB12.js'), script)
  writeFileSync(join(dir, 'react-AB12.js.br'), brotliCompressSync(script))
  writeFileSync(join(dir, 'react-AB12.js.gz'), gzipSync(script))
  writeFileSync(join(dir, 'esbuild-abcd.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]))
  // Stored as the build stores large files: compressed only.
  writeFileSync(join(dir, 'big-CD34.js.br'), brotliCompressSync(script))
  writeFileSync(join(dir, 'big-CD34.js.gz'), gzipSync(script))
  writeFileSync(join(dir, 'unlisted.js'), 'export const secret = 1')
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

after(() => {
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A raw request: the path is sent exactly as written (fetch would normalize `..`). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      })
      req.on('error', reject)
      req.end()
    },
  )
}

test('the manifest maps specifiers to absolute paths, never cached stale', async () => {
  const res = await get('/preview-packages/manifest.json')
  assert.equal(res.status, 200)
  assert.equal(res.headers['cache-control'], 'no-cache')
  assert.deepEqual(JSON.parse(res.body.toString()), {
    imports: { react: '/preview-packages/react-AB12.js' },
    packages: { react: '19.3.1' },
    esbuildWasm: '/preview-packages/esbuild-abcd.wasm',
  })
})

test('a package file: its content, JavaScript type, immutable, open to the sandboxed frame', async () => {
  const res = await get('/preview-packages/react-AB12.js')
  assert.equal(res.status, 200)
  assert.equal(res.body.toString(), script)
  assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8')
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
  assert.equal(res.headers['access-control-allow-origin'], '*')
  assert.equal(res.headers['content-encoding'], undefined)
})

test('the build-time brotli and gzip variants go to clients that accept them', async () => {
  const br = await get('/preview-packages/react-AB12.js', { 'Accept-Encoding': 'gzip, br' })
  assert.equal(br.headers['content-encoding'], 'br')
  assert.equal(brotliDecompressSync(br.body).toString(), script)
  const gz = await get('/preview-packages/react-AB12.js', { 'Accept-Encoding': 'gzip' })
  assert.equal(gz.headers['content-encoding'], 'gzip')
  assert.equal(gz.headers.vary, 'Accept-Encoding')
})

test('a file stored compressed only reaches every client: plain bytes to one that accepts none', async () => {
  const plain = await get('/preview-packages/big-CD34.js')
  assert.equal(plain.status, 200)
  assert.equal(plain.headers['content-encoding'], undefined)
  assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8')
  assert.equal(plain.body.toString(), script)
  const br = await get('/preview-packages/big-CD34.js', { 'Accept-Encoding': 'br' })
  assert.equal(br.headers['content-encoding'], 'br')
  assert.equal(brotliDecompressSync(br.body).toString(), script)
  const gz = await get('/preview-packages/big-CD34.js', { 'Accept-Encoding': 'gzip' })
  assert.equal(gz.headers['content-encoding'], 'gzip')
  assert.equal(gunzipSync(gz.body).toString(), script)
})

test("esbuild's WebAssembly file has its type (the browser compiles it streaming)", async () => {
  const res = await get('/preview-packages/esbuild-abcd.wasm')
  assert.equal(res.status, 200)
  assert.equal(res.headers['content-type'], 'application/wasm')
})

test('unknown files, unlisted files and traversal get 404, never a file', async () => {
  for (const path of [
    '/preview-packages/lodash.js',
    '/preview-packages/unlisted.js',
    '/preview-packages/react-AB12.js.br',
    '/preview-packages/../package.json',
    '/preview-packages/%2e%2e/manifest.json',
    '/preview-packages/%2e%2e%2f%2e%2e%2fpackage.json',
    '/preview-packages/..%5c..%5cpackage.json',
    '/preview-packages//etc/passwd',
    '/preview-packages/%2Fetc%2Fpasswd',
    '/preview-packages/',
  ]) {
    const res = await get(path)
    assert.equal(res.status, 404, path)
    assert.match(res.headers['content-type'] as string, /application\/json/, path)
    assert.doesNotMatch(res.body.toString(), /secret|useState|root:/, path)
  }
})

test('other paths are left to the rest of the router', async () => {
  assert.equal((await get('/code/')).status, 418)
  assert.equal((await get('/preview-packagesX/react-AB12.js')).status, 418)
})

test('a node whose packages were never built says so', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'weft-preview-empty-'))
  const bare = createServer((request, response) => {
    void servePreviewPackage(empty, request.url ?? '/', request, response)
  })
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/preview-packages/manifest.json`
    const res = await fetch(url)
    assert.equal(res.status, 404)
    assert.match((await res.json()).error, /not built \(run npm run build\)/)
  } finally {
    bare.close()
    rmSync(empty, { recursive: true, force: true })
  }
})

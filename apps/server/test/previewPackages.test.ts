// The real build of the preview packages (scripts/buildPreviewPackages.ts) into a temporary
// directory, then served by the route: what the Code preview's import map points at.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { brotliDecompressSync } from 'node:zlib'
import type { PreviewManifest } from '../src/previewPackages/manifest.ts'
import { servePreviewPackage } from '../src/previewPackages/route.ts'
import { PREVIEW_PACKAGES } from '../src/previewPackages/specifiers.ts'

const script = join(import.meta.dirname, '..', 'scripts', 'buildPreviewPackages.ts')

test('the build makes every allowed entry an ES module with its exports, served by the route', async () => {
  const dir = { path: mkdtempSync(join(tmpdir(), 'weft-preview-build-')) }
  try {
    execFileSync(process.execPath, [script, dir.path], { stdio: 'pipe', timeout: 240_000 })
    const manifest = JSON.parse(
      readFileSync(join(dir.path, 'manifest.json'), 'utf8'),
    ) as PreviewManifest
    const specifiers = Object.values(PREVIEW_PACKAGES).flatMap((entries) =>
      entries.map((e) => e.specifier),
    )
    assert.deepEqual(Object.keys(manifest.imports).sort(), specifiers.sort())
    assert.equal(manifest.packages.react, '19.3.1')
    assert.equal(manifest.packages.vue, '3.5.45')
    assert.equal(manifest.packages.svelte, '5.57.3')

    // The modules work as the browser would load them (ES modules, named exports), one React
    // shared by react-dom: react-dom/client imports react's chunk instead of a copy of it.
    const load = async (spec: string) =>
      (await import(
        pathToFileURL(join(dir.path, manifest.imports[spec] as string)).href
      )) as Record<string, unknown>
    const react = await load('react')
    assert.equal(typeof react.useState, 'function')
    assert.equal(typeof (await load('react/jsx-runtime')).jsx, 'function')
    assert.equal(typeof (await load('react-dom/client')).createRoot, 'function')
    assert.equal(typeof (await load('vue')).createApp, 'function')
    assert.equal(typeof (await load('svelte')).mount, 'function')
    // Every chunk a file imports, transitively.
    const closure = (file: string, seen = new Set<string>()): Set<string> => {
      for (const m of readFileSync(join(dir.path, file), 'utf8').matchAll(
        /from\s*"\.\/([^"]+)"/g,
      )) {
        const chunk = m[1] as string
        if (!seen.has(chunk)) closure(chunk, seen.add(chunk))
      }
      return seen
    }
    const reactChunks = closure(manifest.imports.react as string)
    const clientChunks = closure(manifest.imports['react-dom/client'] as string)
    assert.ok(
      [...reactChunks].some((c) => clientChunks.has(c)),
      'react-dom/client shares React with react',
    )

    const server = createServer((request, response) => {
      void servePreviewPackage(dir.path, request.url ?? '/', request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const served = await (await fetch(`${base}/preview-packages/manifest.json`)).json()
      const vueUrl = served.imports.vue as string
      const res = await fetch(base + vueUrl, { headers: { 'Accept-Encoding': 'br' } })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8')
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable')
      assert.equal(
        await res.text(),
        readFileSync(join(dir.path, manifest.imports.vue as string), 'utf8'),
        'fetch decodes the brotli variant to the file itself',
      )
      const wasm = readFileSync(join(dir.path, `${manifest.esbuildWasm}.br`))
      assert.equal(brotliDecompressSync(wasm).subarray(0, 4).toString('latin1'), '\0asm')
      // 14 MB plain would take the image over its budget: stored compressed only, served whole.
      assert.equal(existsSync(join(dir.path, manifest.esbuildWasm)), false)
      const wasmResponse = await fetch(base + served.esbuildWasm)
      assert.equal(wasmResponse.status, 200)
      const bytes = Buffer.from(await wasmResponse.arrayBuffer())
      assert.equal(bytes.subarray(0, 4).toString('latin1'), '\0asm')
      assert.ok(
        bytes.length > 4 * 1024 * 1024,
        `the whole WebAssembly file (${bytes.length} bytes)`,
      )
    } finally {
      server.close()
    }
  } finally {
    rmSync(dir.path, { recursive: true, force: true })
  }
})

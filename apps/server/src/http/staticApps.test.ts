import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
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

// Issue 19, items 5, 6 and 7 against real processes. A production-mode node (Redis, Postgres, the
// presence service) refuses sockets and state-changing requests from other sites' pages and sends
// its pages with CSP, nosniff and no-referrer; a node without AUTH_SECRET listens on loopback
// only; a misconfigured node says which variable is wrong without repeating a secret.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createConnection } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type Fleet, REPO_ROOT, startFleet } from '@weft/testkit'
import WebSocket from 'ws'

const SECRET = 'browser-secret-0123456789abcdef'
let fleet: Fleet
let devFleet: Fleet

before(async () => {
  fleet = await startFleet({
    nodes: 1,
    authSecret: SECRET,
    presence: true,
    env: { NODE_ENV: 'production', ALLOWED_ORIGINS: 'https://app.example.com' },
  })
  devFleet = await startFleet({
    nodes: 1,
    redis: fleet.redis,
    postgres: fleet.postgres,
    databaseName: 'devmode',
  })
})

after(async () => {
  await devFleet?.destroy()
  await fleet?.destroy()
})

function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}/collab`, origin ? { headers: { Origin: origin } } : {})
    socket.on('open', () => {
      socket.close()
      resolve(101)
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => {})
  })
}

test('a WebSocket from another site is refused; own origin, ALLOWED_ORIGINS and no Origin are not', async () => {
  const node = fleet.nodes[0]
  assert.ok(node)
  assert.equal(await upgradeStatus(node.wsUrl, 'https://evil.example'), 403)
  assert.equal(await upgradeStatus(node.wsUrl, 'null'), 403)
  assert.equal(await upgradeStatus(node.wsUrl, `http://127.0.0.1:${node.port}`), 101)
  assert.equal(await upgradeStatus(node.wsUrl, 'https://app.example.com'), 101)
  assert.equal(await upgradeStatus(node.wsUrl), 101)
  const bridged = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${node.wsUrl}/yjs/grid:x?token=t`, {
      headers: { Origin: 'https://evil.example' },
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('open', () => resolve(101))
    socket.on('error', () => {})
  })
  assert.equal(bridged, 403)
})

test('a state-changing request from another site is refused', async () => {
  const url = `${fleet.nodes[0]?.url}/api/presence`
  const evil = await fetch(url, { method: 'POST', headers: { Origin: 'https://evil.example' } })
  assert.equal(evil.status, 403)
  const own = await fetch(url, { method: 'POST' })
  assert.equal(own.status, 405)
})

test('pages carry CSP with frame-ancestors, nosniff and no-referrer; every response nosniff', async () => {
  const page = await fetch(`${fleet.nodes[0]?.url}/`)
  const csp = page.headers.get('content-security-policy') ?? ''
  // Inline scripts run only by their hashes: every inline script of the page has its hash in
  // script-src, and nothing else is allowed inline.
  assert.match(csp, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+(;|$)/)
  const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src'))
  assert.doesNotMatch(scriptSrc ?? '', /unsafe-inline/)
  assert.match(csp, /frame-ancestors 'none'/)
  assert.match(csp, /object-src 'none'/)
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer')
  // The page's inline scripts are the ones the hashes allow; one of them drops ?token=.
  const html = await page.text()
  assert.match(html, /history\.replaceState/)
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  assert.ok(inline.length > 0, 'the home page has inline scripts')
  for (const [, body] of inline) {
    const hash = createHash('sha256')
      .update(body ?? '')
      .digest('base64')
    assert.ok(csp.includes(`'sha256-${hash}'`), `an inline script's hash is in script-src`)
  }
  for (const path of ['/healthz', '/metrics', '/readyz', '/nope', '/api/presence']) {
    const response = await fetch(`${fleet.nodes[0]?.url}${path}`)
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path)
  }
})

test('without AUTH_SECRET a node listens on loopback only', async () => {
  const node = devFleet.nodes[0]
  assert.ok(node)
  assert.equal((await fetch(`${node.url}/healthz`)).status, 200)
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')
  assert.ok(external, 'this machine has a non-loopback IPv4 address to try')
  const reached = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: external.address, port: node.port })
    socket.on('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
  assert.equal(reached, false, `open dev mode answered on ${external.address}`)
  // The production node, with its secret, listens on every interface.
  const prod = await new Promise<boolean>((resolve) => {
    const socket = createConnection({
      host: external.address,
      port: fleet.nodes[0]?.port as number,
    })
    socket.on('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
  assert.equal(prod, true)
})

test('NODE_ENV is read case-insensitively and a config error never repeats a secret', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join('apps', 'server', 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    })
  const production = run({ NODE_ENV: 'Production' })
  assert.equal(production.status, 1)
  assert.match(production.stderr, /AUTH_SECRET is required/)
  const short = run({ AUTH_SECRET: 'shortSecret99' })
  assert.equal(short.status, 1)
  assert.match(short.stderr, /invalid AUTH_SECRET: must be at least 16 characters/)
  assert.doesNotMatch(short.stderr + short.stdout, /shortSecret99/)
})

// Issue 15, items 1 and 4 at the HTTP level: the home page is accessible markup whose one inline
// script its CSP allows; browsers get HTML error pages (never raw JSON, never a 500 for a bad
// URL) while API clients keep JSON.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'
import { type Fleet, startFleet } from '@weft/testkit'

let fleet: Fleet
const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

before(async () => {
  fleet = await startFleet({ nodes: 1 })
})

after(async () => {
  await fleet?.destroy()
})

const url = (path: string) => `${fleet.nodes[0]?.url}${path}`

test('the home page has a main landmark, a heading, labelled controls and a CSP-allowed script', async () => {
  const response = await fetch(url('/'), { headers: BROWSER })
  assert.equal(response.status, 200)
  const html = await response.text()
  assert.match(html, /<main>/)
  assert.match(html, /<h1>Weft<\/h1>/)
  for (const id of ['new-kind', 'new-title', 'search', 'rename-title']) {
    assert.match(html, new RegExp(`<label for="${id}">`), `control ${id} has a label`)
    assert.match(html, new RegExp(`id="${id}"`))
  }
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
  const hash = createHash('sha256').update(script).digest('base64')
  assert.ok(response.headers.get('content-security-policy')?.includes(`'sha256-${hash}'`))
})

test('a browser gets an HTML page for an unknown path, an API client JSON', async () => {
  const page = await fetch(url('/nope'), { headers: BROWSER })
  assert.equal(page.status, 404)
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/)
  const html = await page.text()
  assert.match(html, /<h1>Nothing here<\/h1>/)
  assert.match(html, /<a href="\/">/)
  const api = await fetch(url('/nope'))
  assert.equal(api.status, 404)
  assert.deepEqual(await api.json(), { error: 'not found' })
})

test('a malformed address is a 400 page for a browser, never a 500', async () => {
  for (const path of ['/grid/%00%ff', '/code/%E0%A4%A', '/canvas/%']) {
    const page = await fetch(url(path), { headers: BROWSER })
    assert.equal(page.status, 400, path)
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path)
    assert.match(await page.text(), /not valid/, path)
  }
})

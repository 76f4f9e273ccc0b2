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

test('an app address no document can have says so and offers a new one', async () => {
  for (const [path, reason] of [
    ['/grid/a%2Fb', /letters, digits/],
    [`/code/${'x'.repeat(300)}`, /at most 64 characters/],
    ['/canvas/%20hello', /letters, digits/],
  ] as const) {
    const page = await fetch(url(path), { headers: BROWSER })
    assert.equal(page.status, 404, path)
    const html = await page.text()
    assert.match(html, /<h1>Not a document address<\/h1>/, path)
    assert.match(html, reason, path)
    assert.match(html, /<a href="\/(grid|code|canvas)\/">Start a new/, path)
  }
  // Valid ids and the apps' own files are not affected.
  for (const path of ['/grid/abc-123', '/grid/favicon.svg', '/code/assets']) {
    const other = await (await fetch(url(path), { headers: BROWSER })).text()
    assert.doesNotMatch(other, /Not a document address/, path)
  }
  const api = await fetch(url('/grid/a%2Fb'))
  assert.match((await api.json()).error, /not a document address/)
})

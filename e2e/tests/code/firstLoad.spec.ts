import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, contextFor } from './codePage.ts'

// docs/benchmarks.md "Web apps: first-load bundle sizes": the Code app's first load stays within
// 400 KB as sent (compressed); the preview's bundler, compilers and packages load only when a
// preview runs.
const BUDGET = 400 * 1024

test("the Code app's first load stays within 400 KB compressed, without the preview's bundler", async ({
  browser,
  fleet,
}) => {
  const page = await (await contextFor(browser, ADA)).newPage()
  const loaded: { url: string; bytes: Promise<number> }[] = []
  page.on('requestfinished', (request) => {
    const url = new URL(request.url())
    if (!/\.(js|css|wasm)$/.test(url.pathname)) return
    loaded.push({ url: url.pathname, bytes: request.sizes().then((s) => s.responseBodySize) })
  })
  await page.goto(`${fleet.nodes[0].url}/code/`, { waitUntil: 'load' })
  await expect(page.getByTestId('template-react')).toBeVisible({ timeout: 20_000 })
  const sizes = await Promise.all(loaded.map(async (l) => ({ url: l.url, bytes: await l.bytes })))
  const total = sizes.reduce((n, s) => n + s.bytes, 0)
  console.log(`Code first load: ${(total / 1024).toFixed(1)} KB over ${sizes.length} files`)
  expect(sizes.length).toBeGreaterThan(0)
  expect(total).toBeLessThanOrEqual(BUDGET)
  expect(
    sizes.filter((s) => /preview-packages|bundler|compileVue|compileSvelte|esbuild/i.test(s.url)),
  ).toEqual([])
})

import { ensureDocument } from '../../fixtures/documents.ts'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

// Issue 19 in a real browser: the page runs under its CSP (it syncs, so its scripts and socket
// are allowed), says it is in open dev mode, and drops a token given in the URL at once.
test('the grid works under its CSP, shows the dev-mode banner and takes the token out of the URL', async ({
  browser,
  fleet,
}) => {
  const page = await (await contextFor(browser, ADA)).newPage()
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  const id = uniqueGridId('csp')
  await ensureDocument(page, fleet.nodes[0].url, 'grid', id)
  const response = await page.goto(`${fleet.nodes[0].url}/grid/${id}?token=opaque-test-token`)
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
  const grid = new GridPage(page)
  await expect(grid.cell('A1')).toBeVisible({ timeout: 20_000 })
  await expect(grid.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  await expect(page.getByTestId('dev-mode-banner')).toHaveText('open dev mode: no sign-in')
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)
  expect(await page.evaluate(() => localStorage.getItem('weft.token'))).toBe('opaque-test-token')
  expect(violations).toEqual([])
})

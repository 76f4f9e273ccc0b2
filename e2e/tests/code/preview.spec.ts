import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

test("the preview's logs and errors show in its console and overlay, never in the app's console", async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  // Everything the app page's own console and error handler get on Bob's side.
  const hostConsole: string[] = []
  bob.page.on('console', (m) => hostConsole.push(m.text()))
  bob.page.on('pageerror', (e) => hostConsole.push(e.message))
  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  await bob.open(fleet.nodes[1].url, id)

  // Ada adds a log line and an error to main.js; Bob's preview shows both where he looks.
  await ada.openFile('main.js')
  await ada.insertAt('end', "\nconsole.log('hello from main', 42)\nthrow new TypeError('kaboom')\n")
  const console = bob.page.getByTestId('preview-console')
  await expect(
    console.locator('[data-level="log"]', { hasText: 'hello from main 42' }),
  ).toBeVisible()
  await expect(console.locator('[data-level="uncaught"]')).toContainText('TypeError: kaboom')
  const overlay = bob.page.getByTestId('preview-error')
  await expect(overlay).toContainText('TypeError: kaboom')

  // Undone, the page runs cleanly again: the overlay goes, the log stays.
  await ada.page.keyboard.press('Control+z')
  await expect(overlay).toBeHidden()
  await expect(console.locator('[data-level="uncaught"]')).toHaveCount(0)
  await expect(console.locator('[data-level="log"]')).toHaveCount(0)
  expect(hostConsole.filter((t) => /kaboom|hello from main/.test(t))).toEqual([])
})

test('Angular and Next.js projects say they run after download, with the command', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  for (const [template, command] of [
    ['angular', 'npm install && npm start'],
    ['nextjs', 'npm install && npm run dev'],
  ] as const) {
    await ada.create(fleet.nodes[0].url, template)
    const pane = ada.page.getByTestId('run-locally')
    await expect(pane).toContainText('run on your computer')
    await expect(pane).toContainText('Download zip')
    await expect(pane.locator('code')).toHaveText(command)
  }
})

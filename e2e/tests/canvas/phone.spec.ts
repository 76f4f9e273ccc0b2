// On a phone the board is usable: the top bar and the drawing toolbar fit the screen (nothing
// to scroll sideways, nothing cut off) and the toolbar leaves most of the screen to the board.
// No load on the page ends in a 404 (the favicon included).
import { expect, test } from '../../fixtures/fleet.ts'
import { expectFitsPhone, notFounds, PHONE, phoneContext } from '../../fixtures/phone.ts'
import { CanvasPage, uniqueCanvasId } from './canvasPage.ts'

test('the canvas fits a phone, with room left for the board', async ({ browser, fleet }) => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const missing = notFounds(page)
  await new CanvasPage(page).open(fleet.nodes[0].url, uniqueCanvasId('phone'))
  await expectFitsPhone(page)
  const toolbar = await page.getByRole('toolbar', { name: 'Drawing tools' }).boundingBox()
  expect(toolbar?.height ?? PHONE.height).toBeLessThanOrEqual(PHONE.height * 0.15)
  expect(missing).toEqual([])
  await context.close()
})

test('at 1280 px the drawing toolbar is one row with every control in view', async ({
  browser,
  fleet,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await new CanvasPage(page).open(fleet.nodes[0].url, uniqueCanvasId('wide'))
  const toolbar = page.getByRole('toolbar', { name: 'Drawing tools' })
  // Every control is inside the bar's visible width (nothing to scroll to) …
  await expect
    .poll(() => toolbar.evaluate((bar) => bar.scrollWidth - bar.clientWidth))
    .toBeLessThanOrEqual(1)
  // … and on one line: all controls share the first one's row.
  const rows = await toolbar.evaluate((bar) => {
    const tops = [...bar.querySelectorAll('button, select')].map((c) =>
      Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2),
    )
    return new Set(tops.map((t) => Math.round(t / 10))).size
  })
  expect(rows).toBe(1)
  await context.close()
})

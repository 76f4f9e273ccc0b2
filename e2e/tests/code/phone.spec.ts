import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

const LONG = `const longLine = '${'abcdefghij'.repeat(30)}'\n`

test('on a phone the editor fits the screen, long lines never scroll it sideways, and carets are named', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB, 'phone')).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  await bob.open(fleet.nodes[1].url, id)

  // Bob's phone: the page itself never scrolls sideways, and the editor is inside the screen.
  const pageOverflow = () =>
    bob.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(await pageOverflow()).toBeLessThanOrEqual(0)
  await bob.openFile('main.js')
  const box = await bob.page.locator('.cm-editor').boundingBox()
  expect(box).not.toBeNull()
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0)
  expect((box?.x ?? 0) + (box?.width ?? 1000)).toBeLessThanOrEqual(390)

  // Ada writes a 300-character line into the file Bob has open: it wraps on his screen.
  await ada.openFile('main.js')
  await ada.insertAt('end', LONG)
  await expect.poll(() => bob.openFileText()).toContain('longLine')
  await expect
    .poll(() =>
      bob.page
        .locator('.cm-scroller')
        .evaluate((el) => [el.scrollWidth - el.clientWidth, el.scrollLeft].join(',')),
    )
    .toBe('0,0')
  expect(await pageOverflow()).toBeLessThanOrEqual(0)

  // Each sees the other's caret with a name on it, without pointing at it.
  await bob.page.locator('.cm-content').tap()
  const adaTag = bob.page.locator('.cm-ySelectionInfo', { hasText: 'Ada' })
  const bobTag = ada.page.locator('.cm-ySelectionInfo', { hasText: 'Bob' })
  for (const tag of [adaTag, bobTag]) {
    await expect(tag).toBeVisible()
    await expect(tag).toHaveCSS('opacity', '1')
  }
})

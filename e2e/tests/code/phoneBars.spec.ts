// On a phone the project's top bar and toolbars fit the screen (nothing to scroll sideways,
// nothing cut off), the editor has the screen's width, and no load on the page ends in a 404 (the favicon included).
import { expect, test } from '../../fixtures/fleet.ts'
import { expectFitsPhone, notFounds, PHONE, phoneContext } from '../../fixtures/phone.ts'
import { CodePage } from './codePage.ts'

test('the top bar and toolbars of a project fit a phone, with no 404', async ({
  browser,
  fleet,
}) => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const missing = notFounds(page)
  await new CodePage(page).create(fleet.nodes[0].url, 'vanilla')
  await expectFitsPhone(page)
  // The editor gets the full width, not what the tree and preview leave.
  const editor = await page.getByTestId('editor').boundingBox()
  expect(editor?.width ?? 0).toBeGreaterThan(PHONE.width * 0.9)
  expect(missing).toEqual([])
  await context.close()
})

// On a phone the sheet's top bar and toolbar fit the screen (nothing to scroll sideways, nothing
// cut off), and no load on the page ends in a 404 (the favicon included).
import { expect, test } from '../../fixtures/fleet.ts'
import { expectFitsPhone, notFounds, phoneContext } from '../../fixtures/phone.ts'
import { GridPage } from './gridPage.ts'

test('the sheet fits a phone', async ({ browser, fleet }) => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const missing = notFounds(page)
  await new GridPage(page).open(fleet.nodes[0].url, `phone-${Date.now().toString(36)}`)
  await expectFitsPhone(page)
  expect(missing).toEqual([])
  await context.close()
})

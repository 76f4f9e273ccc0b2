import { axeFindings } from '../../fixtures/axe.ts'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

/** The preview frame holds the user's own page (the template's has a second <main>): not ours. */
const USER_CONTENT = ['[data-testid="preview"]']

test('axe finds nothing moderate or worse on the picker and a project in use', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  await ada.page.goto(`${fleet.nodes[0].url}/code/`)
  await expect(ada.page.getByTestId('template-vanilla')).toBeVisible({ timeout: 20_000 })
  expect(await axeFindings(ada.page)).toEqual([])

  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  await bob.open(fleet.nodes[1].url, id)
  await ada.openFile('index.html')
  await ada.openFile('style.css')
  // Last, so the editor shows script: strings, keywords and comments in their colours.
  await ada.openFile('main.js')
  await expect(ada.page.getByTestId('presence').locator('[data-user="Bob"]')).toBeVisible()
  expect(await axeFindings(ada.page, USER_CONTENT)).toEqual([])

  // The inline name field, as it shows while a user names a new file.
  await ada.page.getByTestId('new-file').click()
  await expect(ada.page.getByTestId('name-input')).toBeFocused()
  expect(await axeFindings(ada.page, USER_CONTENT)).toEqual([])
})

import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('the activity panel lists edits a previous user made before I arrived', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('activity')
  const adaContext = await contextFor(browser, ADA)
  const ada = new GridPage(await adaContext.newPage())
  await ada.open(fleet.nodes[0].url, id)
  await ada.type('B2', 'first')
  await ada.type('B2', 'second')
  await expect(ada.status).toHaveAttribute('data-pending', '0')
  await adaContext.close()

  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await bob.open(fleet.nodes[1].url, id)
  await expect(bob.presence).not.toContainText('Ada')
  await bob.page.getByTestId('activity-toggle').click()
  const items = bob.page.getByTestId('activity-item')
  await expect(items.filter({ hasText: 'Ada set B2 to “first”' })).toHaveCount(1, {
    timeout: 15_000,
  })
  await expect(items.filter({ hasText: 'Ada changed B2 from “first” to “second”' })).toHaveCount(1)

  // Bob's own edit joins the list (newest first).
  await bob.type('C4', 'bob was here')
  await expect(items.first()).toContainText('Bob set C4 to “bob was here”', { timeout: 15_000 })
})

test('undo reverts only my own edit, never another user’s', async ({ browser, fleet }) => {
  const id = uniqueGridId('undo')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.type('A1', 'ada edit')
  await expect(bob.cell('A1')).toHaveText('ada edit')
  await bob.type('A2', 'bob edit')
  await expect(ada.cell('A2')).toHaveText('bob edit')

  await ada.page.keyboard.press('Control+z')
  await expect(bob.cell('A1')).toHaveText('')
  await expect(bob.cell('A2')).toHaveText('bob edit')
  await expect(ada.cell('A2')).toHaveText('bob edit')
})

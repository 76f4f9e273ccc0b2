import { axeFindings } from '../../fixtures/axe.ts'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('axe finds nothing moderate or worse on a sheet in use by two people', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('axe')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  await bob.type('B2', 'from Bob')
  await ada.type('A1', 'Total')
  await ada.select('A2')
  await expect(ada.cell('B2')).toHaveText('from Bob')
  await expect(ada.presence.locator('[data-user="Bob"]')).toBeVisible()

  expect(await axeFindings(ada.page)).toEqual([])
  await ada.page.getByTestId('activity-toggle').click()
  expect(await axeFindings(ada.page)).toEqual([])
})

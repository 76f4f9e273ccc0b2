import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('the landing page shows who is working right now, on any node, with links', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('landing')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, id)

  const visitor = await (await contextFor(browser, BOB)).newPage()
  await visitor.goto(fleet.nodes[1].url)
  const row = visitor.locator(`#online li[data-document="grid:${id}"]`)
  await expect(row).toContainText('Ada')
  await expect(row.getByRole('link')).toHaveAttribute('href', `/grid/${id}`)

  // Ada leaves: her document drops off the list.
  await ada.page.close()
  await expect(row).toHaveCount(0)
})

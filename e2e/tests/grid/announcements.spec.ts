import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('the live region tells who joined, who left and who changed my cell', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('live')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  // Mounted, and empty, before anything happens: a region that mounts with text is not read.
  const live = ada.page.getByTestId('announcements')
  await expect(live).toHaveAttribute('aria-live', 'polite')
  await expect(live).toHaveText('')

  const bobContext = await contextFor(browser, BOB)
  const bob = new GridPage(await bobContext.newPage())
  await bob.open(fleet.nodes[1].url, id)
  await expect(live).toContainText('Bob joined')

  // Ada is on B2; Bob's edit there is read out, his edit elsewhere is not.
  await ada.select('B2')
  await bob.type('C9', 'elsewhere')
  await bob.type('B2', '42')
  await expect(live).toContainText('Bob changed B2 to 42')
  await expect(ada.cell('C9')).toHaveText('elsewhere')
  await expect(live).not.toContainText('C9')
  // Ada's own edits are not read back to her.
  await ada.type('B2', 'mine')
  await expect(ada.cell('B2')).toHaveText('mine')
  await expect(live).not.toContainText('Ada changed')

  await bobContext.close()
  // The presence list drops him when the fleet-wide presence service does (awareness alone
  // times out after 30 s); the region says so then.
  await expect(live).toContainText('Bob left', { timeout: 45_000 })
})

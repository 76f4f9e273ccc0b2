import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('two users on two nodes see each other’s values, selections and presence', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('collab')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  // Presence: each sees both people.
  await expect(ada.presence).toContainText('Bob')
  await expect(bob.presence).toContainText('Ada')
  // …and Bob, on the other node, is listed for Ada by the fleet-wide presence service.
  await expect(ada.presence.locator('li[data-source="presence"][data-user="Bob"]')).toHaveAttribute(
    'title',
    new RegExp(fleet.nodes[1].nodeId),
  )

  // Values, both ways, including a formula computed on the other side.
  await ada.type('B2', '41')
  await expect(bob.cell('B2')).toHaveText('41')
  await bob.type('B3', '=B2+1')
  await expect(ada.cell('B3')).toHaveText('42')

  // Ada's selection is outlined on Bob's screen with her name, over the cell she picked.
  await ada.select('D5')
  const outline = bob.page.locator('[data-testid="remote-selection"][data-user="Ada"]')
  await expect(outline).toBeVisible()
  const cellBox = await bob.cell('D5').boundingBox()
  const outlineBox = await outline.boundingBox()
  expect(cellBox && outlineBox).toBeTruthy()
  if (cellBox && outlineBox) {
    expect(Math.abs(outlineBox.x - cellBox.x)).toBeLessThan(4)
    expect(Math.abs(outlineBox.y - cellBox.y)).toBeLessThan(4)
  }

  // A row inserted by Bob moves Ada's data down on her screen, and formulas follow.
  await bob.select('B1')
  await bob.page.getByRole('button', { name: '+ Row above' }).click()
  await expect(ada.cell('B3')).toHaveText('41')
  await expect(ada.cell('B4')).toHaveText('42')
  await ada.select('B4')
  await expect(ada.page.getByTestId('raw-value')).toHaveText('=B3+1')
})

import { axeFindings } from '../../fixtures/axe.ts'
import { expect, test } from '../../fixtures/fleet.ts'
import {
  ADA,
  BOB,
  CanvasPage,
  contextFor,
  nodeUrls,
  TileBoardPage,
  uniqueCanvasId,
} from './canvasPage.ts'

test('axe finds nothing moderate or worse on a drawing in use by two people', async ({
  browser,
  fleet,
}) => {
  const id = uniqueCanvasId('axe')
  const [nodeA, nodeB] = nodeUrls(fleet)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)
  await bob.draw('rect', { x: 100, y: 100 }, { x: 220, y: 180 })
  await ada.draw('ellipse', { x: 300, y: 120 }, { x: 380, y: 200 })
  await expect(ada.shapes).toHaveCount(2)
  await expect(ada.page.getByTestId('presence').locator('[data-user="Bob"]')).toBeVisible()
  expect(await axeFindings(ada.page)).toEqual([])
})

test('axe finds nothing moderate or worse on the tile board', async ({ browser, fleet }) => {
  const id = uniqueCanvasId('axe-tiles')
  const [nodeA] = nodeUrls(fleet)
  const ada = new TileBoardPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(nodeA, id)
  await ada.pick(3)
  await ada.tile(2, 2).click()
  await expect(ada.message).toHaveAttribute('data-kind', 'ok')
  expect(await axeFindings(ada.page)).toEqual([])
})

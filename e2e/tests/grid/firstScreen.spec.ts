import { GridModel, toStoredFormula } from '@weft/grid-model'
import * as Y from 'yjs'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const ROWS = 10_000

/** 10,000 rows: a label, a number, the number doubled (a formula), and a total in D1. */
function largeSheet(): Buffer {
  const model = new GridModel(new Y.Doc())
  model.initialize(ROWS, 26)
  const layout = model.layout()
  const [a, b, c, d] = layout.colIds as [string, string, string, string]
  const writes = layout.rowIds.flatMap((rowId, i) => [
    { rowId, colId: a, value: `Item ${i + 1}` },
    { rowId, colId: b, value: String(i + 1) },
    { rowId, colId: c, value: toStoredFormula(`=B${i + 1}*2`, layout) },
  ])
  writes.push({
    rowId: layout.rowIds[0] as string,
    colId: d,
    value: toStoredFormula(`=SUM(B1:B${ROWS})`, layout),
  })
  model.setCells(writes, { id: 'u-import', name: 'Importer' })
  return Buffer.from(Y.encodeStateAsUpdate(model.doc))
}

const TOTAL = (ROWS * (ROWS + 1)) / 2

test('a large sheet shows its first rows before it has loaded, then opens for editing and an edit converges', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('first-screen')
  const [nodeA, nodeB] = fleet.nodes
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())

  const created = await ada.page.request.post(`${nodeA.url}/api/documents`, {
    data: { kind: 'grid', id },
  })
  expect(created.status()).toBe(201)
  const imported = await ada.page.request.post(
    `${nodeA.url}/api/documents/${encodeURIComponent(`grid:${id}`)}/updates`,
    { data: largeSheet(), headers: { 'Content-Type': 'application/octet-stream' } },
  )
  expect(imported.status()).toBe(200)

  // Ada's WebSocket is held until the test lets it through, so the moment before the full
  // sheet arrives (seconds on a large sheet, too short to catch reliably otherwise) is seen.
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await ada.page.routeWebSocket(/\/collab/, async (socket) => {
    await released
    socket.connectToServer()
  })
  await ada.page.goto(`${nodeB.url}/grid/${id}`)

  // The first screen: the top rows as the sheet shows them, formulas computed, read-only.
  const early = ada.page.getByTestId('first-screen')
  await expect(early).toBeVisible({ timeout: 20_000 })
  await expect(early).toHaveAttribute('aria-readonly', 'true')
  await expect(ada.page.getByTestId('first-screen-status')).toContainText(
    'editing opens when it has loaded',
  )
  await expect(ada.cell('A1')).toHaveText('Item 1')
  await expect(ada.cell('B3')).toHaveText('3')
  await expect(ada.cell('C3')).toHaveText('6')
  await expect(ada.cell('D1')).toHaveText(String(TOTAL))
  // Nothing can be typed into it: no editor opens, so no keystroke is taken and lost.
  await ada.cell('B1').click()
  await ada.page.keyboard.type('9')
  await expect(ada.page.getByTestId('cell-editor')).toHaveCount(0)

  // The WebSocket goes through: the live sheet replaces the first screen, same values.
  release()
  const live = ada.page.getByTestId('grid')
  await expect(live.locator('[data-cell="A1"]')).toHaveText('Item 1', { timeout: 60_000 })
  await expect(early).toHaveCount(0)
  await expect(ada.page.getByTestId('first-screen-status')).toHaveCount(0)

  // An edit made right after opening reaches Bob on the other node, formulas included.
  await bob.open(nodeA.url, id)
  await ada.type('B1', '101')
  await expect(ada.cell('C1')).toHaveText('202')
  await expect(bob.cell('B1')).toHaveText('101')
  await expect(bob.cell('C1')).toHaveText('202')
  await expect(bob.cell('D1')).toHaveText(String(TOTAL + 100))
  await expect(ada.cell('D1')).toHaveText(String(TOTAL + 100))
})

import { GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const ROWS = 10_000

/** A 10,000-row sheet as an import would write it: a label and a number in every row. */
function tenThousandRows(): Buffer {
  const model = new GridModel(new Y.Doc())
  model.initialize(ROWS, 26)
  const { rowIds, colIds } = model.layout()
  const writes = rowIds.flatMap((rowId, i) => [
    { rowId, colId: colIds[0] as string, value: `Item ${i + 1}` },
    { rowId, colId: colIds[1] as string, value: String((i + 1) * 3) },
  ])
  model.setCells(writes, { id: 'u-import', name: 'Importer' })
  return Buffer.from(Y.encodeStateAsUpdate(model.doc))
}

test('a 10,000-row sheet opens, Ctrl+End reaches its last row, and an edit there is shared', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('large')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  const [nodeA, nodeB] = fleet.nodes

  // Created and filled through the documents API, as an import from another system would be.
  const created = await ada.page.request.post(`${nodeA.url}/api/documents`, {
    data: { kind: 'grid', id },
  })
  expect(created.status()).toBe(201)
  const imported = await ada.page.request.post(
    `${nodeA.url}/api/documents/${encodeURIComponent(`grid:${id}`)}/updates`,
    { data: tenThousandRows(), headers: { 'Content-Type': 'application/octet-stream' } },
  )
  expect(imported.status()).toBe(200)

  await ada.open(nodeA.url, id)
  await bob.open(nodeB.url, id)
  await expect(ada.cell('A1')).toHaveText('Item 1')
  await expect(bob.cell('B1')).toHaveText('3')

  // Ctrl+End: the last row and column holding data, selected and on screen with its value.
  for (const user of [ada, bob]) {
    await user.select('A1')
    await user.page.keyboard.press('Control+End')
    const grid = user.page.getByRole('grid', { name: 'Sheet' })
    const last = user.cell(`B${ROWS}`)
    await expect(last).toBeInViewport({ ratio: 1 })
    await expect(last).toHaveText(String(ROWS * 3))
    await expect(grid).toHaveAttribute(
      'aria-activedescendant',
      (await last.getAttribute('id')) ?? '',
    )
    await expect(grid).toHaveAttribute('aria-rowcount', String(ROWS + 1))
    await expect(user.cell(`A${ROWS}`)).toHaveText(`Item ${ROWS}`)
  }

  // Bob edits the last row on node B; Ada, on node A, sees it there.
  await bob.page.keyboard.type('the very end')
  await bob.page.keyboard.press('Enter')
  await expect(bob.cell(`B${ROWS}`)).toHaveText('the very end')
  await expect(ada.cell(`B${ROWS}`)).toHaveText('the very end')
  // And the sheet still starts where it did.
  await ada.page.keyboard.press('Control+Home')
  await expect(ada.cell('A1')).toHaveText('Item 1')
})

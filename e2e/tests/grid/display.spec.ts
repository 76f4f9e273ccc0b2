import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test("a text marker ' is hidden, long text runs over empty cells, a name tag fades", async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('display')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  // `'007` is the text 007: shown without the mark (left-aligned text), kept in the formula bar.
  await ada.type('A1', "'007")
  await expect(bob.cell('A1')).toHaveText('007')
  await expect(bob.cell('A1')).not.toHaveClass(/\bnum\b/)
  await bob.select('A1')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue("'007")

  // Long text runs on over the empty cells to its right, up to the first filled one.
  const long = 'A sentence far longer than one column of the sheet can hold'
  await ada.type('A2', long)
  await expect(bob.cell('A2')).toHaveText(long)
  const run = bob.cell('A2').locator('.spill')
  const widthOf = async (address: string) => (await bob.cell(address).boundingBox())?.width ?? 0
  await expect
    .poll(async () => (await run.boundingBox())?.width ?? 0)
    .toBeGreaterThan((await widthOf('A2')) * 2)
  await ada.type('C2', 'x')
  await expect
    .poll(async () => (await run.boundingBox())?.width ?? 0)
    .toBeLessThanOrEqual((await widthOf('A2')) + (await widthOf('B2')))
  // A click on the run-over part selects the cell under it.
  await bob.select('B2')
  await expect(bob.page.getByTestId('address')).toHaveText('B2')
  await ada.type('B2', 'y')
  await expect(run).toHaveCount(0)

  // Bob's name tag shows when his selection arrives under Ada's text, then leaves it readable.
  await ada.type('D3', 'above')
  await bob.select('D4')
  const tag = ada.page.locator('[data-testid="remote-selection"][data-user="Bob"] .selection-label')
  await expect(tag).toBeVisible()
  await expect(tag).toBeHidden()
  await expect(ada.page.locator('[data-testid="remote-selection"][data-user="Bob"]')).toBeVisible()
  await bob.select('E4')
  await expect(tag).toBeVisible()

  // The toolbar's groups, each named, are set apart by space, with no separator lines left over.
  const toolbar = ada.page.getByRole('toolbar', { name: 'Sheet tools' })
  const groups = [
    'Undo and redo',
    'Rows',
    'Columns',
    'Sort for everyone',
    'Number format',
    'My view',
    'File',
  ]
  await expect(toolbar.getByRole('group')).toHaveCount(groups.length)
  for (const name of groups) await expect(toolbar.getByRole('group', { name })).toBeVisible()
  await expect(toolbar.locator('.sep')).toHaveCount(0)
  await ada.page.screenshot({ path: '/tmp/grid-e-display.png' })
})

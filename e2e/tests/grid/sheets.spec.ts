import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const tabNames = (grid: GridPage) => grid.page.getByRole('tab').allTextContents()

test('sheets added, renamed, moved, deleted and restored by one user are live for the other, with cross-sheet formulas', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('sheets')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  await expect.poll(() => tabNames(bob)).toEqual(['Sheet1'])

  // Ada adds a sheet on node A: Bob, on node B, sees its tab.
  await ada.page.getByRole('button', { name: 'Add sheet' }).click()
  await expect(ada.page.getByRole('tab', { name: 'Sheet2' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect.poll(() => tabNames(bob)).toEqual(['Sheet1', 'Sheet2'])

  // She renames it in place (double click, type, Enter): Bob's tab follows.
  await ada.page.getByRole('tab', { name: 'Sheet2' }).dblclick()
  await ada.page.getByRole('textbox', { name: 'Sheet name' }).fill('Costs')
  await ada.page.keyboard.press('Enter')
  await expect.poll(() => tabNames(bob)).toEqual(['Sheet1', 'Costs'])

  // A name already taken is refused with a reason, and nothing changes.
  await ada.page.getByRole('tab', { name: 'Costs' }).press('F2')
  await ada.page.getByRole('textbox', { name: 'Sheet name' }).fill('sheet1')
  await ada.page.keyboard.press('Enter')
  await expect(
    ada.page.getByRole('alert').filter({ hasText: 'There is already a sheet named' }),
  ).toBeVisible()
  await ada.page.keyboard.press('Escape')
  await expect.poll(() => tabNames(ada)).toEqual(['Sheet1', 'Costs'])

  // A formula on Bob's Sheet1 reads Ada's Costs sheet and follows her edits there.
  await ada.type('A1', '20')
  await bob.type('A1', '=Costs!A1*2')
  await expect(bob.cell('A1')).toHaveText('40')
  await ada.type('A1', '21')
  await expect(bob.cell('A1')).toHaveText('42')
  // Each sheet has its own cells: Bob's Sheet1 A1 is his formula, not Ada's 21.
  await expect(ada.cell('A1')).toHaveText('21')

  // Renaming the sheet keeps the formula pointing at it: it now reads 'My costs'!A1.
  await ada.page.getByRole('tab', { name: 'Costs' }).dblclick()
  await ada.page.getByRole('textbox', { name: 'Sheet name' }).fill('My costs')
  await ada.page.keyboard.press('Enter')
  await bob.select('A1')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue("='My costs'!A1*2")
  await expect(bob.cell('A1')).toHaveText('42')

  // Moving a tab from the keyboard (Alt+Shift+←) moves it for Bob too.
  await ada.page.getByRole('tab', { name: 'My costs' }).press('Alt+Shift+ArrowLeft')
  await expect.poll(() => tabNames(bob)).toEqual(['My costs', 'Sheet1'])

  // Deleting asks first; then the tab goes for both and the formula shows #REF!.
  await ada.page.getByRole('tab', { name: 'My costs' }).press('Delete')
  const dialog = ada.page.getByTestId('delete-sheet-dialog')
  await expect(dialog).toContainText('Delete My costs?')
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect.poll(() => tabNames(bob)).toEqual(['Sheet1'])
  await expect(bob.cell('A1')).toHaveText('#REF!')

  // Restored by Bob from "Deleted sheets": back in its place, with its cells, for both.
  await bob.page.getByRole('button', { name: 'Deleted sheets (1)' }).click()
  await bob.page.getByRole('button', { name: 'Restore My costs' }).click()
  await expect.poll(() => tabNames(ada)).toEqual(['My costs', 'Sheet1'])
  await bob.page.getByRole('tab', { name: 'Sheet1' }).click()
  await expect(bob.cell('A1')).toHaveText('42')

  // The activity feed tells tab changes, and names the sheet of each cell change.
  await bob.page.getByTestId('activity-toggle').click()
  const items = bob.page.getByTestId('activity-item')
  await expect(items.filter({ hasText: 'Ada renamed sheet “Costs” to “My costs”' })).toHaveCount(1)
  await expect(items.filter({ hasText: 'Ada changed Costs!A1 from “20” to “21”' })).toHaveCount(1)
  await expect(items.filter({ hasText: 'Bob restored sheet “My costs”' })).toHaveCount(1)
})

test('a sheet delete is undone with Ctrl+Z', async ({ browser, fleet }) => {
  const id = uniqueGridId('sheet-undo')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await ada.page.getByRole('button', { name: 'Add sheet' }).click()
  await ada.type('B2', 'kept')
  await ada.page.getByRole('button', { name: 'Sheet2 ▾' }).click()
  await ada.page.getByRole('button', { name: 'Delete…' }).click()
  await ada.page.getByTestId('delete-sheet-dialog').getByRole('button', { name: 'Delete' }).click()
  await expect.poll(() => tabNames(ada)).toEqual(['Sheet1'])
  await ada.page.getByRole('grid', { name: 'Sheet' }).focus()
  await ada.page.keyboard.press('Control+z')
  await expect.poll(() => tabNames(ada)).toEqual(['Sheet1', 'Sheet2'])
  await ada.page.getByRole('tab', { name: 'Sheet2' }).click()
  await expect(ada.cell('B2')).toHaveText('kept')
})

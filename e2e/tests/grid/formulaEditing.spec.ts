import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('references are picked with the mouse and arrows while typing, and the formula bar edits', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('formula-edit')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  const editor = ada.page.getByTestId('cell-editor')
  const adaBar = ada.page.getByTestId('raw-value')

  await ada.type('A1', '5')
  await ada.type('A2', '7')

  // `=A1+` then a click on A2: the reference goes into the formula, the editor stays open.
  await ada.select('A3')
  await ada.page.keyboard.type('=A1+')
  await expect(adaBar).toHaveValue('=A1+')
  await ada.cell('A2').click()
  await expect(editor).toHaveValue('=A1+A2')
  await expect(ada.page.getByTestId('pointed-range')).toBeVisible()
  await ada.page.keyboard.press('Enter')
  await expect(bob.cell('A3')).toHaveText('12')

  // Arrows point too: from B1, Left is A1; after `*`, Left then Down is A2.
  await ada.select('B1')
  await ada.page.keyboard.type('=')
  await ada.page.keyboard.press('ArrowLeft')
  await expect(editor).toHaveValue('=A1')
  await ada.page.keyboard.type('*')
  await ada.page.keyboard.press('ArrowLeft')
  await ada.page.keyboard.press('ArrowDown')
  await expect(editor).toHaveValue('=A1*A2')
  await ada.page.keyboard.press('Enter')
  await expect(bob.cell('B1')).toHaveText('35')

  // A drag names a range; Shift+arrows stretch one.
  await ada.select('C1')
  await ada.page.keyboard.type('=SUM(')
  const from = await ada.cell('A1').boundingBox()
  const to = await ada.cell('A2').boundingBox()
  if (!from || !to) throw new Error('cells not on screen')
  await ada.page.mouse.move(from.x + 10, from.y + 10)
  await ada.page.mouse.down()
  await ada.page.mouse.move(to.x + 10, to.y + 10, { steps: 4 })
  await ada.page.mouse.up()
  await expect(editor).toHaveValue('=SUM(A1:A2')
  await ada.page.keyboard.type(')+')
  await ada.page.keyboard.press('ArrowLeft')
  await ada.page.keyboard.press('Shift+ArrowLeft')
  await expect(editor).toHaveValue('=SUM(A1:A2)+A1:B1')
  await ada.page.keyboard.press('Escape')
  await expect(editor).toBeHidden()
  await expect(ada.cell('C1')).toHaveText('')

  // A click while not pointing (after a reference) keeps the formula and selects the cell.
  await ada.select('C1')
  await ada.page.keyboard.type('=A1*3')
  await ada.cell('D5').click()
  await expect(bob.cell('C1')).toHaveText('15')

  // Bob edits through the formula bar: it shows the raw formula and writes what he types.
  await bob.select('A3')
  const bobBar = bob.page.getByTestId('raw-value')
  await expect(bobBar).toHaveValue('=A1+A2')
  await bob.select('A1')
  await expect(bobBar).toHaveValue('5')
  await bobBar.fill('10')
  await bobBar.press('Enter')
  await expect(bob.page.getByRole('grid', { name: 'Sheet' })).toBeFocused()
  await expect(ada.cell('A1')).toHaveText('10')
  await expect(ada.cell('A3')).toHaveText('17')
  await expect(ada.cell('B1')).toHaveText('70')
})

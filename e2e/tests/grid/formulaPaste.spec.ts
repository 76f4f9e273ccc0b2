import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('copied formulas paste and fill with relative references shifted, values as values', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('formula-paste')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.type('A1', '3')
  await ada.type('A2', '4')
  await ada.type('A3', '5')
  await ada.type('B1', '=A1*2')
  await ada.type('C1', '=$A$1+A1')
  await expect(bob.cell('C1')).toHaveText('6')

  // Ada copies B1:C1; Bob pastes it at B2: one row down, so A1 becomes A2 and $A$1 stays.
  await ada.select('B1')
  await ada.cell('C1').click({ modifiers: ['Shift'] })
  const copied = await ada.copy()
  expect(copied['text/plain']).toBe('6\t6')
  await bob.select('B2')
  await bob.pasteCopied(copied)
  await expect(ada.cell('B2')).toHaveText('8')
  await expect(ada.cell('C2')).toHaveText('7')
  await bob.select('C2')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue('=$A$1+A2')

  // A value copied is pasted as the value.
  await ada.select('A1')
  const value = await ada.copy()
  await ada.select('D1')
  await ada.pasteCopied(value)
  await expect(bob.cell('D1')).toHaveText('3')
  await bob.select('D1')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue('3')

  // Text from another app (plain values only) is pasted as typed.
  await ada.select('E1')
  await ada.paste('=A1+1')
  await expect(bob.cell('E1')).toHaveText('4')

  // Fill down: B1 over B2:B3 with Ctrl+D, each row's own A.
  await ada.select('B1')
  await ada.cell('B3').click({ modifiers: ['Shift'] })
  await ada.page.keyboard.press('Control+d')
  await expect(bob.cell('B3')).toHaveText('10')
  await bob.select('B3')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue('=A3*2')
})

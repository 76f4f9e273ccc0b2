import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('Ctrl+Arrow, Home/End, Ctrl+Home/End and PageUp/PageDown move the selection and show it', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('nav')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  const { page } = ada
  const grid = page.getByRole('grid', { name: 'Sheet' })
  const active = async () => {
    const cellId = await grid.getAttribute('aria-activedescendant')
    return cellId ? page.locator(`[id="${cellId}"]`).getAttribute('data-cell') : null
  }
  /** The key moves the selection to `address`, and that cell is wholly on screen. */
  const press = async (key: string, address: string) => {
    await page.keyboard.press(key)
    await expect.poll(active).toBe(address)
    await expect(ada.cell(address)).toBeInViewport({ ratio: 1 })
  }

  // Bob fills A2:A30 and a header row B2:D2 on his node, then A50:A52 below a gap.
  const rows = Array.from({ length: 51 }, (_, i) => {
    const row = i + 2
    if (row === 2) return '0\tb\tc\td'
    return row <= 30 || row >= 50 ? String(row) : ''
  })
  await bob.select('A2')
  await bob.paste(rows.join('\n'))
  await expect(ada.cell('A30')).toHaveText('30')

  await ada.select('A2')
  await press('Control+ArrowDown', 'A30')
  await press('Control+ArrowDown', 'A50')
  await press('Control+ArrowDown', 'A52')
  await press('Control+ArrowDown', 'A100')
  await press('Control+ArrowUp', 'A52')
  await press('Control+Home', 'A1')
  await press('Control+End', 'D52')
  await press('Home', 'A52')
  await press('End', 'Z52')
  await press('Control+ArrowLeft', 'A52')
  await press('Control+Home', 'A1')

  // A page down moves by a screenful, and back.
  await page.keyboard.press('PageDown')
  await expect.poll(async () => Number((await active())?.slice(1))).toBeGreaterThan(10)
  const paged = (await active()) as string
  await expect(ada.cell(paged)).toBeInViewport({ ratio: 1 })
  await press('PageUp', 'A1')

  // Shift extends: Ctrl+Shift+Down from A2 selects A2:A30, and Delete clears just that run.
  await ada.select('A2')
  await press('Control+Shift+ArrowDown', 'A30')
  await page.keyboard.press('Delete')
  await expect(bob.cell('A30')).toHaveText('')
  await expect(bob.cell('A2')).toHaveText('')
  await expect(bob.cell('B2')).toHaveText('b')
  // From the now empty A30, Ctrl+Down finds the next data: A50, untouched.
  await press('Control+ArrowDown', 'A50')
  await expect(ada.cell('A50')).toHaveText('50')
})

// An import stores its rows as row blocks (decision 0203): what two users on two nodes see.
import type { Browser, BrowserContext } from '@playwright/test'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const FILE = 'a1,b1,c1\r\na2,b2,c2\r\na3,b3,c3\r\n'

/**
 * Ada on node A and Bob on node B with the sheet `id` open, then Bob offline: what either writes
 * next, the other has not seen.
 */
async function adaOnlineBobOffline(
  browser: Browser,
  urls: [string, string],
  id: string,
): Promise<{ ada: GridPage; bob: GridPage; bobContext: BrowserContext }> {
  const bobContext = await contextFor(browser, BOB)
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await bobContext.newPage())
  await ada.open(urls[0], id)
  await bob.open(urls[1], id)
  await bobContext.setOffline(true)
  await expect(bob.status).toHaveAttribute('data-state', 'offline')
  return { ada, bob, bobContext }
}

async function importCsv(grid: GridPage, text: string): Promise<void> {
  await grid.page.getByTestId('import-csv').setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  })
}

test('an import on one node and an edit of one of its rows at the same time on the other are both kept', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('blocks-edit')
  // Bob edits B2 without seeing the import Ada makes meanwhile: neither saw the other's write.
  const { ada, bob, bobContext } = await adaOnlineBobOffline(
    browser,
    [fleet.nodes[0].url, fleet.nodes[1].url],
    id,
  )
  await bob.type('B2', 'typed by Bob')
  await expect(bob.status).toContainText('not yet saved')
  await importCsv(ada, FILE)
  await expect(ada.cell('C3')).toHaveText('c3')
  await bobContext.setOffline(false)
  await expect(bob.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })

  // Both converge: the file's cells everywhere, except the one Bob typed, which his edit keeps.
  for (const grid of [ada, bob]) {
    await expect(grid.cell('B2')).toHaveText('typed by Bob')
    for (const [address, text] of [
      ['A1', 'a1'],
      ['A2', 'a2'],
      ['C2', 'c2'],
      ['B3', 'b3'],
    ] as const) {
      await expect(grid.cell(address)).toHaveText(text)
    }
  }
})

test('undo of an import takes its cells away on both nodes and keeps what the other user typed', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('blocks-undo')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await importCsv(ada, FILE)
  await expect(bob.cell('C3')).toHaveText('c3')
  // Bob writes over an imported cell and clears another: his cells, not the import's.
  await bob.type('A2', 'Bob over a2')
  await bob.select('B3')
  await bob.page.keyboard.press('Delete')
  await expect(ada.cell('A2')).toHaveText('Bob over a2')
  await expect(ada.cell('B3')).toHaveText('')

  await ada.page.getByRole('button', { name: 'Undo', exact: true }).click()
  for (const grid of [ada, bob]) {
    await expect(grid.cell('A1')).toHaveText('')
    await expect(grid.cell('C3')).toHaveText('')
    await expect(grid.cell('A2')).toHaveText('Bob over a2')
  }
  // Cleared stays cleared, and the import stays undone, after a reload.
  await bob.page.reload()
  await expect(bob.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  await expect(bob.cell('A2')).toHaveText('Bob over a2')
  await expect(bob.cell('B1')).toHaveText('')
  await expect(bob.cell('B3')).toHaveText('')
})

test('two imports into the same blank rows at the same time keep every cell only one of them wrote', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('blocks-two')
  // Neither sees the other's import: Bob is offline while both import into rows 1–2.
  const { ada, bob, bobContext } = await adaOnlineBobOffline(
    browser,
    [fleet.nodes[0].url, fleet.nodes[1].url],
    id,
  )
  await importCsv(ada, 'ada A1,,both C1\r\nada A2,,\r\n')
  await importCsv(bob, ',bob B1,both C1 (Bob)\r\n,bob B2,\r\n')
  await expect(bob.cell('B2')).toHaveText('bob B2')
  await expect(ada.cell('A2')).toHaveText('ada A2')
  await bobContext.setOffline(false)
  await expect(bob.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })

  for (const grid of [ada, bob]) {
    await expect(grid.cell('A1')).toHaveText('ada A1')
    await expect(grid.cell('A2')).toHaveText('ada A2')
    await expect(grid.cell('B1')).toHaveText('bob B1')
    await expect(grid.cell('B2')).toHaveText('bob B2')
  }
  // The cell both wrote shows one of the two values, the same in both browsers.
  await expect
    .poll(async () => {
      const a = await ada.cell('C1').textContent()
      const b = await bob.cell('C1').textContent()
      return a === b && (a === 'both C1' || a === 'both C1 (Bob)')
    })
    .toBe(true)
})

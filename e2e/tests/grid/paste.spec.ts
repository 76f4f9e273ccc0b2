import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const ROWS = 20
const COLS = 5
const LETTERS = 'ABCDE'

// Awkward on purpose: quotes, commas, a tab inside a quoted field, a formula.
function valueAt(r: number, c: number): string {
  if (r === 3 && c === 1) return 'say "hi"'
  if (r === 7 && c === 2) return 'a\tb'
  if (r === 11 && c === 4) return '1,5'
  return `r${r + 1}c${c + 1}`
}

function tsvBlock(): string {
  const lines: string[] = []
  for (let r = 0; r < ROWS; r++) {
    const fields: string[] = []
    for (let c = 0; c < COLS; c++) {
      const v = valueAt(r, c)
      fields.push(/[\t"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
    }
    lines.push(fields.join('\t'))
  }
  return `${lines.join('\r\n')}\r\n`
}

async function expectBlock(grid: GridPage): Promise<void> {
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      await expect(grid.cell(`${LETTERS[c]}${r + 2}`)).toHaveText(valueAt(r, c))
    }
  }
}

test('a pasted 20×5 TSV block arrives intact on the other node and survives reload', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('paste')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.select('A2')
  await ada.paste(tsvBlock())
  await expectBlock(bob)
  // Nothing spilled outside the block.
  await expect(bob.cell('F2')).toHaveText('')
  await expect(bob.cell('A22')).toHaveText('')

  // Reload keeps everything, on either node.
  await bob.page.reload()
  await expect(bob.cell('A2')).toBeVisible({ timeout: 20_000 })
  await expectBlock(bob)
  await ada.page.goto(`${fleet.nodes[1].url}/grid/${id}`)
  await expectBlock(ada)
})

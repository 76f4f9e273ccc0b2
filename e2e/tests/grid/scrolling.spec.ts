import type { Page } from '@playwright/test'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const LONG = 'A sentence far longer than one column of the sheet can hold'

/** Scrolls the sheet a screen a frame, as dragging the scroll bar does, until `address` shows. */
async function flickTo(page: Page, address: string): Promise<void> {
  await page.evaluate(async (cell) => {
    const grid = document.querySelector('[data-testid="grid"]') as HTMLElement
    while (!document.querySelector(`[data-cell="${cell}"]`)) {
      grid.scrollTop += grid.clientHeight
      await new Promise(requestAnimationFrame)
    }
    // Back up by part of a screen: the rows on screen then come from several earlier frames.
    grid.scrollTop -= grid.clientHeight / 3
    await new Promise(requestAnimationFrame)
  }, address)
}

/** The row numbers of the sheet's rows in the order the browser's accessibility tree has them. */
async function rowHeadersAsRead(page: Page): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Accessibility.enable')
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{
      nodeId: string
      role?: { value?: string }
      name?: { value?: string }
      childIds?: string[]
    }>
  }
  const byId = new Map(nodes.map((n) => [n.nodeId, n]))
  const order: number[] = []
  const visit = (id: string) => {
    const node = byId.get(id)
    if (!node) return
    if (node.role?.value === 'rowheader') order.push(Number(node.name?.value))
    for (const child of node.childIds ?? []) visit(child)
  }
  const grid = nodes.find((n) => n.role?.value === 'grid')
  if (grid) visit(grid.nodeId)
  await cdp.detach()
  return order
}

test('after a flick down the sheet, rows are read in order and an edit there lands in its row on both nodes', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('scroll')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  // 300 rows: a number, then every seventh row a long text held in by a filled cell to its right.
  const lines = Array.from({ length: 300 }, (_, i) =>
    [String((i + 1) * 1000), i % 7 === 0 ? LONG : 'short', 'x'].join('\t'),
  )
  await ada.select('A1')
  await ada.paste(lines.join('\n'))
  await expect(bob.cell('A1')).toHaveText('1000')

  await flickTo(ada.page, 'A250')
  await expect(ada.cell('A240')).toHaveText('240000')

  // A screen reader reads the rows on screen in the sheet's order, headers first: the row
  // elements were reused as rows came and went, so their order in the page is not that order.
  const read = await rowHeadersAsRead(ada.page)
  expect(read.length).toBeGreaterThan(10)
  expect(read).toEqual(read.map((_, i) => (read[0] as number) + i))
  expect(read).toContain(240)

  // A long text next to a filled cell is still cut at its cell's edge, in a reused element; a
  // cell that shows its text whole really holds it.
  const cut = await ada.cell('B239').evaluate((el) => getComputedStyle(el).overflowX)
  expect(cut).toBe('hidden')
  await expect(ada.cell('B239')).toHaveText(LONG)
  const overflowing = await ada.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="grid"] .cell')]
      .filter((el) => getComputedStyle(el).overflowX === 'visible' && !el.querySelector('.spill'))
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => el.getAttribute('data-cell')),
  )
  expect(overflowing).toEqual([])

  // An edit after the flick lands in the row it was typed in, here and on the other node.
  await ada.type('A240', 'edited')
  await expect(ada.cell('A240')).toHaveText('edited')
  await flickTo(bob.page, 'A250')
  await expect(bob.cell('A240')).toHaveText('edited')
  await expect(bob.cell('A239')).toHaveText('239000')
  await expect(bob.cell('A241')).toHaveText('241000')
})

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

/** A created, imported large sheet; Ada and Bob's pages. */
async function largeSheetFor(
  browser: Parameters<typeof contextFor>[0],
  nodeUrl: string,
  prefix: string,
) {
  const id = uniqueGridId(prefix)
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  const created = await ada.page.request.post(`${nodeUrl}/api/documents`, {
    data: { kind: 'grid', id },
  })
  expect(created.status()).toBe(201)
  const imported = await ada.page.request.post(
    `${nodeUrl}/api/documents/${encodeURIComponent(`grid:${id}`)}/updates`,
    { data: largeSheet(), headers: { 'Content-Type': 'application/octet-stream' } },
  )
  expect(imported.status()).toBe(200)
  return { id, ada, bob }
}

test('the sheet arriving before its first screen waits for it: the first screen shows, then the sheet opens for editing', async ({
  browser,
  fleet,
}) => {
  const [nodeA, nodeB] = fleet.nodes
  const { id, ada, bob } = await largeSheetFor(browser, nodeA.url, 'first-screen-late')

  // Whether the page ever showed the first screen, and whether it did before the live sheet.
  await ada.page.addInitScript(() => {
    const seen = { firstScreen: false, liveFirst: false }
    ;(window as unknown as { seen: typeof seen }).seen = seen
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="first-screen"]')) seen.firstScreen = true
      else if (!seen.firstScreen && document.querySelector('[data-testid="grid"]'))
        seen.liveFirst = true
    }).observe(document, { childList: true, subtree: true })
  })
  // The first screen's answer is held until the full sheet has reached the browser over the
  // WebSocket, which now opens beside that request (decision 0205).
  let sheetArrived = () => {}
  const arrived = new Promise<void>((resolve) => {
    sheetArrived = resolve
  })
  ada.page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (payload.length > 100_000) sheetArrived()
    }),
  )
  await ada.page.route(/\/first-screen\?/, async (route) => {
    await arrived
    await route.continue()
  })
  await ada.page.goto(`${nodeB.url}/grid/${id}`)

  // Then the live sheet, and an edit typed as soon as it opens reaches Bob on the other node.
  const live = ada.page.getByTestId('grid')
  await expect(live.locator('[data-cell="A1"]')).toHaveText('Item 1', { timeout: 60_000 })
  await expect(ada.page.getByTestId('first-screen')).toHaveCount(0)
  // The sheet was on the page first, and still the first screen was painted before it: nothing
  // applied the sheet before that frame.
  expect(await ada.page.evaluate(() => (window as unknown as { seen: unknown }).seen)).toEqual({
    firstScreen: true,
    liveFirst: false,
  })
  await ada.type('B2', '102')
  await bob.open(nodeA.url, id)
  await expect(bob.cell('B2')).toHaveText('102')
  await expect(bob.cell('C2')).toHaveText('204')
  await expect(bob.cell('D1')).toHaveText(String(TOTAL + 100))
  await expect(ada.cell('D1')).toHaveText(String(TOTAL + 100))
})

test('a first screen the node cannot give still leads to the editable sheet', async ({
  browser,
  fleet,
}) => {
  const [nodeA, nodeB] = fleet.nodes
  const { id, ada, bob } = await largeSheetFor(browser, nodeA.url, 'first-screen-failed')
  await ada.page.route(/\/first-screen\?/, (route) => route.fulfill({ status: 500, body: '' }))
  await ada.page.goto(`${nodeB.url}/grid/${id}`)

  const live = ada.page.getByTestId('grid')
  await expect(live.locator('[data-cell="A1"]')).toHaveText('Item 1', { timeout: 60_000 })
  await ada.type('B3', '103')
  await expect(ada.cell('C3')).toHaveText('206')
  await bob.open(nodeA.url, id)
  await expect(bob.cell('B3')).toHaveText('103')
  await expect(bob.cell('D1')).toHaveText(String(TOTAL + 100))
})

import { accessToken, expect, test } from '../../fixtures/authFleet.ts'
import { tabTo } from '../../fixtures/keyboard.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

// Issue 15, items 3 and 4 in a real browser, on a fleet that requires tokens: the owner shares
// a view-only link from the Share dialog (by keyboard); someone else opens it on the other node
// and watches the sheet change live with nothing to edit with; turning the link off leaves a
// page that says so. An unknown id offers to create the document; refusals are put in words.
test('the owner shares a view-only link; another user follows live, without editing', async ({
  browser,
  authFleet,
}) => {
  const [nodeA, nodeB] = [authFleet.nodes[0].url, authFleet.nodes[1].url]
  const id = uniqueGridId('shared')
  const adaToken = accessToken(ADA.id, ADA.name, { '*': 'write' })
  const ada = await (await contextFor(browser, ADA)).newPage()
  const created = await ada.request.post(`${nodeA}/api/documents`, {
    data: { kind: 'grid', id, title: 'Budget' },
    headers: { Authorization: `Bearer ${adaToken}` },
  })
  expect(created.status()).toBe(201)
  await ada.goto(`${nodeA}/grid/${id}?token=${adaToken}`)
  const adaGrid = new GridPage(ada)
  await expect(adaGrid.cell('A1')).toBeVisible({ timeout: 20_000 })
  await expect(adaGrid.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  await adaGrid.type('A1', 'rent')
  await expect(ada.getByTestId('view-only')).toHaveCount(0)

  // The Share dialog, by keyboard: a view-only link for a day.
  const share = ada.getByTestId('share-button')
  await tabTo(ada, share)
  await ada.keyboard.press('Enter')
  const dialog = ada.getByRole('dialog', { name: 'Share' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Anyone with the link').selectOption('read')
  await dialog.getByLabel('Expires after').selectOption({ label: '1 day' })
  await dialog.getByRole('button', { name: 'Create link' }).click()
  await expect(dialog.getByTestId('share-status')).toContainText('View-only link created')
  const link = await dialog.getByTestId('share-url').inputValue()
  expect(link).toMatch(/\/share\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
  await expect(dialog.getByTestId('share-access')).toContainText('Ada — owner')
  await ada.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(share).toBeFocused()

  // Bob has no token of his own; he opens the link on the other node.
  const bob = await (await contextFor(browser, BOB)).newPage()
  await bob.goto(`${nodeB}${new URL(link).pathname}`)
  await bob.waitForURL(`${nodeB}/grid/${id}`)
  const bobGrid = new GridPage(bob)
  await expect(bobGrid.cell('A1')).toHaveText('rent', { timeout: 20_000 })
  await expect(bob.getByTestId('view-only')).toHaveText('View only')
  // No editing affordances: no structure tools, no undo, no cell editor on typing or F2.
  await expect(bob.getByRole('button', { name: '+ Row above' })).toHaveCount(0)
  await expect(bob.getByRole('button', { name: 'Undo' })).toHaveCount(0)
  await expect(bob.getByTestId('grid')).toHaveAttribute('aria-readonly', 'true')
  await bobGrid.select('A2')
  await bob.keyboard.type('nope')
  await bob.keyboard.press('F2')
  await expect(bob.getByRole('textbox')).toHaveCount(0)
  await expect(bobGrid.cell('A2')).toHaveText('')

  // Live: Ada's next edit reaches Bob.
  await adaGrid.type('A2', 'food')
  await expect(bobGrid.cell('A2')).toHaveText('food')
  // …and Ada sees Bob among who has access.
  await share.click()
  await expect(dialog.getByTestId('share-access')).toContainText('Bob — opened a view link')

  // Ada turns the link off: it no longer opens the document, and says why.
  await dialog.getByRole('button', { name: 'Turn off' }).click()
  await expect(dialog.getByTestId('share-status')).toContainText('Link turned off')
  const visitor = await (await contextFor(browser, BOB)).newPage()
  const refused = await visitor.goto(link)
  expect(refused?.status()).toBe(410)
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    'This share link does not work',
  )
  await expect(visitor.getByTestId('share-problem')).toContainText('turned off')
  await expect(visitor.getByText('rent')).toHaveCount(0)
})

test('an unknown id offers to create the document; refusals are said in words', async ({
  browser,
  authFleet,
}) => {
  const nodeB = authFleet.nodes[1].url
  const token = accessToken(ADA.id, ADA.name, { 'grid:*': 'write' })
  const page = await (await contextFor(browser, ADA)).newPage()
  const id = uniqueGridId('unknown')
  await page.goto(`${nodeB}/grid/${id}?token=${token}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This document doesn’t exist')
  await expect(page.getByTestId('document-missing')).toContainText(id)
  await page.getByRole('button', { name: 'Create it' }).click()
  const grid = new GridPage(page)
  await expect(grid.cell('A1')).toBeVisible({ timeout: 20_000 })
  await expect(grid.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })

  // No access: a token for canvases only.
  const canvasOnly = accessToken('u-cat', 'Cat', { 'canvas:*': 'write' })
  await page.goto(`${nodeB}/grid/${id}?token=${canvasOnly}`)
  const problem = page.getByTestId('document-problem')
  await expect(problem.getByRole('heading')).toHaveText('You have no access to this document')
  await expect(problem).toContainText('Ask its owner to share it with you')

  // A token the server refuses (signed with another key).
  await page.goto(`${nodeB}/grid/${id}?token=${canvasOnly.slice(0, -4)}AAAA`)
  await expect(problem.getByRole('heading')).toHaveText('Your sign-in was not accepted')
  await expect(problem).toContainText('signature is invalid')
  await expect(problem).toContainText('Open the link you were given again')

  // Past the gate, refused by the socket: a token for a canvas but not its tile board (4403).
  const canvasId = uniqueGridId('board')
  const boardless = accessToken('u-dan', 'Dan', { [`canvas:${canvasId}`]: 'write' })
  const made = await page.request.post(`${nodeB}/api/documents`, {
    data: { kind: 'canvas', id: canvasId },
    headers: { Authorization: `Bearer ${boardless}` },
  })
  expect(made.status()).toBe(201)
  await page.goto(`${nodeB}/canvas/${canvasId}/tiles?token=${boardless}`)
  const refusal = page.getByTestId('connection-problem')
  await expect(refusal.getByRole('heading')).toHaveText('This document cannot be opened right now')
  await expect(refusal).toContainText('No access to this document')
  await expect(refusal).toContainText('Ask its owner to share it with you')
  await expect(page.getByTestId('connection-status')).toContainText('Not connected: no access')
})

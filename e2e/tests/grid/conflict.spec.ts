import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('a same-cell race settles on one value; the loser is told who won, the winner whom it beat', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('conflict')
  const adaContext = await contextFor(browser, ADA)
  const ada = new GridPage(await adaContext.newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  // Ada loses the network, so both edits of C3 are made without seeing the other.
  await adaContext.setOffline(true)
  await expect(ada.status).toHaveAttribute('data-state', 'offline')
  await ada.type('C3', 'from Ada')
  await expect(ada.status).toContainText('not yet saved')
  await bob.type('C3', 'from Bob')
  await adaContext.setOffline(false)

  // Converged: both show the same value, whichever it is.
  await expect(ada.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  await expect
    .poll(
      async () => {
        const a = await ada.cell('C3').textContent()
        const b = await bob.cell('C3').textContent()
        return a === b && (a === 'from Ada' || a === 'from Bob')
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  const winner = await ada.cell('C3').textContent()
  const [loser, winnerName] = winner === 'from Ada' ? [bob, 'Ada'] : [ada, 'Bob']
  const other = loser === ada ? bob : ada

  const toast = loser.page.getByTestId('conflict-toast')
  await expect(toast).toBeVisible()
  await expect(toast).toContainText('C3')
  await expect(toast).toContainText(winnerName)
  await expect(toast).toContainText(winner ?? '')
  await expect(toast).toContainText('at the same time')

  // The winner is told too: whose value, typed at the same time, was replaced.
  const loserName = winnerName === 'Ada' ? 'Bob' : 'Ada'
  const kept = other.page.getByTestId('conflict-toast')
  await expect(kept).toBeVisible()
  await expect(kept).toContainText('C3')
  await expect(kept).toContainText('was kept')
  await expect(kept).toContainText(loserName)
  await expect(kept).toContainText(`from ${loserName}`)
})

test('edits made offline are kept and sync on reconnect', async ({ browser, fleet }) => {
  const id = uniqueGridId('offline')
  const adaContext = await contextFor(browser, ADA)
  const ada = new GridPage(await adaContext.newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await adaContext.setOffline(true)
  // Type only once the app has noticed: before that its socket may still carry the edit.
  await expect(ada.status).toHaveAttribute('data-state', 'offline')
  await ada.type('A1', 'offline one')
  await ada.type('A2', 'offline two')
  await expect(bob.cell('A1')).toHaveText('')

  await adaContext.setOffline(false)
  await expect(bob.cell('A1')).toHaveText('offline one', { timeout: 20_000 })
  await expect(bob.cell('A2')).toHaveText('offline two')
  await expect(ada.status).toHaveAttribute('data-state', 'connected')
  await expect(ada.status).toHaveAttribute('data-pending', '0')
})

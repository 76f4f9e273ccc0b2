// Issue 12's browser drill: a user typing in the Grid while their node is killed (kill -9) sees
// "reconnecting", then their edits, served by the surviving node; after a full fleet restart
// every edit is there, for another user loading the sheet fresh.
import { startBalancer } from '@weft/testkit'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('my node is killed while I type: I see reconnecting, then my edits, and after a restart every edit', async ({
  browser,
  fleet,
}) => {
  test.setTimeout(300_000)
  const id = uniqueGridId('crash')
  // Ada reaches the fleet through a stand-in Service that prefers node A; Bob is on node B.
  const service = await startBalancer(fleet.nodes, 0)
  try {
    const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
    const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
    await ada.open(service.url, id)
    await bob.open(fleet.nodes[1].url, id)

    const typed: [string, string][] = []
    for (let row = 1; row <= 6; row++) {
      const entry: [string, string] = [`A${row}`, `before ${row}`]
      await ada.type(...entry)
      typed.push(entry)
    }
    // The last edit reached Bob through node B: node A is killed right after it fanned out.
    await expect(bob.cell('A6')).toHaveText('before 6')
    // Every state the badge shows is recorded: the reconnect to node B may take only moments.
    await ada.page.evaluate(() => {
      const badge = document.querySelector('[data-testid="connection-status"]') as HTMLElement
      const seen: string[] = []
      ;(window as unknown as { badgeStates: string[] }).badgeStates = seen
      new MutationObserver(() => seen.push(`${badge.dataset.state}: ${badge.textContent}`)).observe(
        badge,
        { attributes: true, childList: true, subtree: true, characterData: true },
      )
    })
    fleet.nodes[0].process.child.kill('SIGKILL')
    await expect
      .poll(() =>
        ada.page.evaluate(() => (window as unknown as { badgeStates: string[] }).badgeStates),
      )
      .toContainEqual(expect.stringMatching(/^reconnecting: .*Reconnecting/))

    // Typing goes on while the socket is down and after it reconnects to node B.
    for (let row = 1; row <= 6; row++) {
      const entry: [string, string] = [`B${row}`, `after ${row}`]
      await ada.type(...entry)
      typed.push(entry)
    }
    await expect(ada.status).toHaveAttribute('data-state', 'connected', { timeout: 30_000 })
    await expect(ada.status).toHaveAttribute('data-pending', '0', { timeout: 30_000 })
    // …and a screen reader heard both: the loss, then the recovery (the page's live region).
    const live = ada.page.getByTestId('announcements')
    await expect(live).toContainText('Connection lost')
    await expect(live).toContainText('Connection restored')
    for (const [address, value] of typed) {
      await expect(ada.cell(address)).toHaveText(value)
      await expect(bob.cell(address)).toHaveText(value)
    }

    await ada.page.context().close()
    await bob.page.context().close()
    await fleet.restartAll()
    const reader = new GridPage(await (await contextFor(browser, BOB)).newPage())
    await reader.open(fleet.nodes[0].url, id)
    for (const [address, value] of typed) await expect(reader.cell(address)).toHaveText(value)
    await reader.page.context().close()
  } finally {
    await service.close()
  }
})

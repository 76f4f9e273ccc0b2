// Issue 15, item 5 in the Canvas: Ada, on one node, previews an earlier version read-only inside
// the canvas, brings back a shape deleted since, then restores the whole version; Bob, on the
// other node, sees each change live; the restore is itself in the timeline.
import { expect, test } from '../../fixtures/fleet.ts'
import { adaAndBobOnABoard } from './canvasPage.ts'

test('preview a past canvas, bring back a deleted shape, restore it for everyone', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'history')

  await ada.draw('rect', { x: 100, y: 100 }, { x: 220, y: 180 })
  await expect(bob.shapes).toHaveCount(1)
  await expect(ada.status).toHaveAttribute('data-pending', '0')
  await bob.draw('ellipse', { x: 400, y: 120 }, { x: 500, y: 220 })
  await expect(ada.shapes).toHaveCount(2)
  await expect(bob.status).toHaveAttribute('data-pending', '0')
  // Ada's rectangle is still selected after drawing it: Delete removes it.
  await ada.canvas.focus()
  await ada.page.keyboard.press('Delete')
  await expect(bob.shapes).toHaveCount(1)
  await expect(ada.status).toHaveAttribute('data-pending', '0')

  await ada.page.getByTestId('history-toggle').click()
  const sessions = ada.page.getByTestId('history-session')
  await expect(sessions).toHaveCount(3)
  await sessions.nth(2).getByRole('button').first().click()
  const banner = ada.page.getByRole('region', { name: 'Past version' })
  await expect(banner).toContainText('Viewing version of')
  await expect(ada.shapes).toHaveCount(1)
  // Read-only: Delete on the past canvas removes nothing, and there is no toolbar to draw with.
  const past = ada.page.getByRole('complementary', { name: 'Shapes' })
  await past.getByRole('button').first().click()
  await ada.canvas.focus()
  await ada.page.keyboard.press('Delete')
  await expect(ada.shapes).toHaveCount(1)
  await expect(ada.page.getByRole('toolbar')).toHaveCount(0)

  await banner.getByRole('button', { name: 'Bring back selected shapes' }).click()
  await expect(bob.shapes).toHaveCount(2)

  await banner.getByRole('button', { name: 'Restore this version' }).click()
  await expect(banner).toHaveCount(0)
  // The version had only the rectangle: Bob's ellipse goes, for everyone.
  await expect(bob.shapes).toHaveCount(1)
  await expect(ada.shapes).toHaveCount(1)
  await expect(sessions.first()).toContainText('restored the version of')
})

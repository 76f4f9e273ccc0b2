// Issue 15, item 5 in the Grid, and the title of item 1: two users on two nodes. Ada previews an
// earlier version read-only inside the sheet and restores it; Bob, on the other node, sees the
// content change live; the restore is itself in the timeline. Ada's rename reaches Bob's top bar
// and the home page.
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('preview an earlier version read-only, restore it while another user watches', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('history')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.type('A1', 'first draft')
  await expect(ada.status).toHaveAttribute('data-pending', '0')
  await bob.type('B1', 'bob note')
  await expect(ada.cell('B1')).toHaveText('bob note')
  await expect(bob.status).toHaveAttribute('data-pending', '0')
  await ada.type('A1', 'second draft')
  await expect(bob.cell('A1')).toHaveText('second draft')
  await expect(ada.status).toHaveAttribute('data-pending', '0')

  // Three sessions: Ada's latest, Bob's, and Ada's first (the sheet's creation and "first draft").
  await ada.page.getByTestId('history-toggle').click()
  const panel = ada.page.getByRole('complementary', { name: 'Version history' })
  const sessions = panel.getByTestId('history-session')
  await expect(sessions).toHaveCount(3)
  await expect(sessions.nth(1)).toContainText('Bob')
  await sessions.nth(2).getByRole('button').first().click()

  const banner = ada.page.getByRole('region', { name: 'Past version' })
  await expect(banner).toContainText('Viewing version of')
  await expect(banner).toContainText('read-only')
  await expect(ada.cell('A1')).toHaveText('first draft')
  await expect(ada.cell('B1')).toHaveText('')
  await expect(ada.page.getByRole('grid', { name: 'Sheet' })).toHaveAttribute(
    'aria-readonly',
    'true',
  )
  // Typing on the past version edits nothing.
  await ada.select('C3')
  await ada.page.keyboard.type('x')
  await expect(ada.page.getByLabel(/^Edit/)).toHaveCount(0)
  await expect(ada.cell('C3')).toHaveText('')
  // Bob's sheet is the live one all along.
  await expect(bob.cell('A1')).toHaveText('second draft')

  await banner.getByRole('button', { name: 'Restore this version' }).click()
  await expect(banner).toHaveCount(0)
  await expect(bob.cell('A1')).toHaveText('first draft')
  await expect(bob.cell('B1')).toHaveText('')
  await expect(ada.cell('A1')).toHaveText('first draft')

  // The restore is the newest entry of the timeline, by Ada, saying what it brought back.
  await expect(sessions).toHaveCount(4)
  await expect(sessions.first()).toContainText('Ada')
  await expect(sessions.first()).toContainText('restored the version of')

  // Back to live is always there: Ada previews again and leaves without restoring.
  await sessions.nth(1).getByRole('button').first().click()
  await expect(banner).toContainText('Viewing version of')
  await banner.getByRole('button', { name: 'Back to live' }).click()
  await expect(banner).toHaveCount(0)
  await ada.type('D4', 'live again')
  await expect(bob.cell('D4')).toHaveText('live again')
})

test('a deleted row comes back from a past version', async ({ browser, fleet }) => {
  const id = uniqueGridId('rowback')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  await ada.type('A2', 'keep me')
  await ada.type('B2', '42')
  await expect(ada.status).toHaveAttribute('data-pending', '0')

  // Bob deletes row 2 (the toolbar's row deletion).
  await bob.select('A2')
  await bob.page.getByRole('button', { name: /delete row/i }).click()
  await expect(ada.cell('A2')).not.toHaveText('keep me')
  await expect(bob.status).toHaveAttribute('data-pending', '0')

  await ada.page.getByTestId('history-toggle').click()
  const sessions = ada.page.getByTestId('history-session')
  await expect(sessions).toHaveCount(2)
  await sessions.nth(1).getByRole('button').first().click()
  await expect(ada.cell('A2')).toHaveText('keep me')
  await ada.select('A2')
  await ada.page.getByRole('button', { name: 'Bring back this row' }).click()
  await ada.page.getByRole('button', { name: 'Back to live' }).click()
  await expect(bob.cell('A2')).toHaveText('keep me')
  await expect(bob.cell('B2')).toHaveText('42')
})

test('a title renamed in the top bar reaches the other user and the home page', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('title')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  await ada.type('A1', 'budget')
  await expect(ada.status).toHaveAttribute('data-pending', '0')

  const title = `Budget ${id}`
  const shown = ada.page.getByTestId('doc-title')
  await expect(shown).toHaveText(id)
  // Keyboard: focus the title, Enter opens the field, Escape leaves it unchanged.
  await shown.focus()
  await ada.page.keyboard.press('Enter')
  const field = ada.page.getByRole('textbox', { name: 'Document title' })
  await field.fill('not this')
  await field.press('Escape')
  await expect(shown).toHaveText(id)
  await shown.click()
  await field.fill(title)
  await field.press('Enter')
  await expect(shown).toHaveText(title)
  await expect(bob.page.getByTestId('doc-title')).toHaveText(title)
  await expect(bob.page).toHaveTitle(`${title} · Weft Grid`)

  const home = await (await contextFor(browser, BOB)).newPage()
  await home.goto(fleet.nodes[1].url)
  await home.getByLabel('Search by title').fill(title)
  await expect(
    home.locator(`tr[data-name="grid:${id}"]`).getByRole('link', { name: title }),
  ).toBeVisible()
})

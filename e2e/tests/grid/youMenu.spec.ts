// Issue 15, item 2: clicking your own name opens the "you" menu; the display name and colour set
// there are kept on the server and are what the other user, on the other node, sees.
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('set my name and colour from the top bar; the other user sees them, and they stay', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('you')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)
  await expect(bob.presence.locator('li[data-user="Ada"]').first()).toBeVisible()

  // Keyboard: the name is a button; Enter opens the dialog, Escape closes it and focus returns.
  const you = ada.page.getByRole('button', { name: 'Ada (you)' })
  await you.focus()
  await ada.page.keyboard.press('Enter')
  const dialog = ada.page.getByRole('dialog', { name: 'You' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Display name')).toBeFocused()
  await ada.page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(you).toBeFocused()

  // A name of spaces is refused by the server, in words.
  await you.click()
  await dialog.getByLabel('Display name').fill('   ')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Not saved: name must not be empty.')

  await dialog.getByLabel('Display name').fill('Ada Byron')
  await dialog.getByRole('radio', { name: 'Teal' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(ada.page.getByRole('button', { name: 'Ada Byron (you)' })).toBeVisible()

  // Bob, on the other node, sees the new name in teal, in the fleet-wide list and awareness.
  const adaForBob = bob.presence.locator('li[data-user="Ada Byron"]')
  // Through Redis and the presence service: a generous bound on a busy machine.
  await expect(adaForBob).toHaveCSS('background-color', 'rgb(12, 133, 153)', { timeout: 60_000 })
  await expect(bob.presence.locator('li[data-user="Ada"]')).toHaveCount(0, { timeout: 60_000 })

  // Kept on the server: a reload (and the home page) still say Ada Byron.
  await ada.page.reload()
  await expect(ada.page.getByRole('button', { name: 'Ada Byron (you)' })).toBeVisible()
  await ada.page.goto(fleet.nodes[1].url)
  await expect(ada.page.getByRole('button', { name: 'Ada Byron (you)' })).toBeVisible()
})

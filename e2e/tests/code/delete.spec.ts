import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

const COUNTER = 'src/components/Counter.jsx'

test('a delete asks first, can be undone, and goes to a trash anyone can restore from', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'react')
  await bob.open(fleet.nodes[1].url, id)
  await expect(bob.item(COUNTER)).toBeVisible()
  // A new project opens on the template's main file, for its creator and for whoever joins.
  for (const user of [ada, bob]) {
    await expect(user.page.getByRole('tab', { selected: true })).toHaveText('App.jsx')
  }

  // Delete asks; Cancel keeps the file.
  await bob.item('src/App.css').click()
  await bob.page.getByTestId('delete').click()
  const dialog = bob.page.getByRole('dialog', { name: 'Delete App.css?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('trash')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(bob.item('src/App.css')).toBeVisible()

  // Delete, then Ctrl+Z (focus in the tree, not an editor): back for both.
  await bob.remove('src/App.css')
  await expect(bob.notice('src/App.css')).toContainText('Deleted src/App.css')
  await expect(ada.notice('src/App.css')).toContainText('Bob deleted src/App.css')
  await expect(ada.item('src/App.css')).toHaveCount(0)
  await bob.item('index.html').focus()
  await bob.page.keyboard.press('Control+z')
  await expect(bob.item('src/App.css')).toBeVisible()
  await expect(ada.item('src/App.css')).toBeVisible()
  await expect(ada.notice('src/App.css')).toHaveCount(0)

  // Delete a folder, then "Undo" in the notice brings everything inside back.
  await bob.remove('src/components')
  await expect(ada.item(COUNTER)).toHaveCount(0)
  await bob.notice('src/components').getByRole('button', { name: 'Undo' }).click()
  await expect(ada.item(COUNTER)).toBeVisible()

  // Deleted and the notice dismissed: the trash lists it with who deleted it; Ada restores it.
  await bob.remove('vite.config.js')
  await bob.notice('vite.config.js').getByRole('button', { name: 'Dismiss' }).click()
  await ada.notice('vite.config.js').getByRole('button', { name: 'Dismiss' }).click()
  await ada.page.getByText(/^Trash \(1\)$/).click()
  const item = ada.page.locator('[data-testid="trash-item"][data-path="vite.config.js"]')
  await expect(item).toContainText('Bob')
  await item.getByRole('button', { name: 'Restore vite.config.js' }).click()
  await expect(bob.item('vite.config.js')).toBeVisible()
  await expect(ada.page.getByText(/^Trash \(0\)$/)).toBeVisible()
})

test('Bob deletes the file Ada is typing in: Ada is told, restores it, and keeps her typing', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'react')
  await bob.open(fleet.nodes[1].url, id)

  await ada.openFile(COUNTER)
  await ada.insertAt('end', '// Ada was here\n')
  await expect(ada.status).toHaveAttribute('data-pending', '0', { timeout: 20_000 })
  await bob.remove(COUNTER)

  // Ada's tab goes, and she is told who deleted what, with the way back.
  const notice = ada.notice(COUNTER)
  await expect(notice).toContainText(`Bob deleted ${COUNTER}, which you had open`)
  await expect(ada.page.locator(`[data-testid="tab"][data-path="${COUNTER}"]`)).toHaveCount(0)
  await notice.getByRole('button', { name: 'Restore' }).click()

  // The file is back for both, open again for Ada, with what she typed.
  await expect(ada.page.locator(`[data-testid="tab"][data-path="${COUNTER}"]`)).toBeVisible()
  await expect.poll(() => ada.openFileText()).toContain('// Ada was here')
  await expect(bob.item(COUNTER)).toBeVisible()
  await bob.openFile(COUNTER)
  await expect.poll(() => bob.openFileText()).toContain('// Ada was here')
  // Bob's own notice went when the file came back.
  await expect(bob.notice(COUNTER)).toHaveCount(0)
})

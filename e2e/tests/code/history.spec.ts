// Issue 15, item 5 in Code, and the project's title (item 1): Ada and Bob on two nodes. Ada
// previews an earlier version of the project read-only (its files as they were), restores one
// file alone, then the whole project (its files' contents too, not only the tree); Bob sees each
// change live; the restore heads the timeline. Ada's rename of the project reaches Bob.
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

test('preview a past project, restore one file, then the whole version, while Bob watches', async ({
  browser,
  fleet,
}) => {
  // Two users, a rename, four edits, two restores: 3 minutes once on two busy cores.
  test.setTimeout(420_000)
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  await bob.open(fleet.nodes[1].url, id)

  // The project's name is the document's title, renamed in place in the top bar.
  const title = `Site ${id}`
  await ada.page.getByTestId('doc-title').click()
  const field = ada.page.getByRole('textbox', { name: 'Document title' })
  await field.fill(title)
  await field.press('Enter')
  await expect(bob.page.getByTestId('doc-title')).toHaveText(title)

  await ada.openFile('main.js')
  await ada.insertAt('start', '// ada first\n')
  await ada.openFile('style.css')
  await ada.insertAt('start', '/* css first */\n')
  await expect.poll(async () => (await bob.contents())['style.css']).toContain('/* css first */')
  await expect(ada.status).toHaveAttribute('data-pending', '0')

  await bob.openFile('main.js')
  await bob.insertAt('end', '\n// bob later\n')
  await bob.openFile('style.css')
  await bob.insertAt('end', '\n/* css later */\n')
  await expect.poll(async () => (await ada.contents())['style.css']).toContain('/* css later */')
  await expect(bob.status).toHaveAttribute('data-pending', '0')

  await ada.page.getByTestId('history-toggle').click()
  const sessions = ada.page.getByTestId('history-session')
  await expect(sessions.first()).toContainText('Bob')
  await sessions.nth(1).getByRole('button').first().click()
  const banner = ada.page.getByRole('region', { name: 'Past version' })
  await expect(banner).toContainText('Viewing version of')
  const files = ada.page.getByRole('navigation', { name: 'Files in this version' })
  const pastEditor = ada.page.getByTestId('past-editor').locator('.cm-content')
  await files.getByRole('button', { name: 'main.js' }).click()
  await expect(pastEditor).toContainText('// ada first')
  await expect(pastEditor).not.toContainText('bob later')
  await expect(pastEditor).toHaveAttribute('contenteditable', 'false')

  // One file alone: style.css goes back for Bob; main.js keeps his line.
  await files.getByRole('button', { name: 'style.css' }).click()
  await expect(pastEditor).toContainText('/* css first */')
  await ada.page.getByRole('button', { name: 'Restore this file' }).click()
  await expect.poll(async () => (await bob.contents())['style.css']).not.toContain('css later')
  expect((await bob.contents())['main.js']).toContain('// bob later')

  // The whole version: main.js's content comes back too, not only the tree.
  await banner.getByRole('button', { name: 'Restore this version' }).click()
  await expect(banner).toHaveCount(0)
  await expect.poll(async () => (await bob.contents())['main.js']).not.toContain('bob later')
  expect((await bob.contents())['main.js']).toContain('// ada first')
  await expect(sessions.first()).toContainText('restored the version of')
})

import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

test('two users on two nodes edit one project: same file, other files, presence, preview', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  await bob.open(fleet.nodes[1].url, id)

  // Both start in the template's main file, with every template file in the tree.
  for (const path of ['index.html', 'style.css', 'main.js', 'package.json', '.gitignore']) {
    await expect(bob.item(path)).toBeVisible()
  }
  await expect(ada.page.getByTestId('presence')).toContainText('Bob')
  // …and Bob, on the other node, is listed for Ada by the fleet-wide presence service.
  await expect(
    ada.page.getByTestId('presence').locator('li[data-source="presence"][data-user="Bob"]'),
  ).toHaveAttribute('title', new RegExp(fleet.nodes[1].nodeId))

  // Same file, both ends at once: main.js, which the undo step below comes back to. (Opened by
  // name: which file a new project shows first is not what this test is about.)
  await ada.openFile('main.js')
  await bob.openFile('main.js')
  await ada.typeAt('end', '// from Ada\n')
  await bob.typeAt('start', '// from Bob\n')
  await expect.poll(() => ada.openFileText()).toContain('// from Bob\n')
  await expect.poll(() => bob.openFileText()).toContain('// from Ada\n')
  await expect.poll(async () => (await ada.editorText()) === (await bob.openFileText())).toBe(true)
  // Bob's cursor is drawn in Ada's editor with his name.
  await expect(ada.page.locator('.cm-ySelectionInfo', { hasText: 'Bob' })).toBeAttached()

  // Different files: the tree shows who is where; the preview follows Bob's CSS edit live.
  await bob.openFile('style.css')
  await expect(ada.item('style.css').locator('[data-user="Bob"]')).toBeVisible()
  await bob.typeAt('end', '\nh1 { letter-spacing: 3px }\n')
  await expect(ada.page.getByTestId('preview')).toHaveAttribute('srcdoc', /letter-spacing: 3px/)
  // The preview says when its page is on screen, so a click there reaches it (decision 0175).
  await expect(ada.page.getByTestId('preview')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  })
  await ada.openFile('index.html')
  await ada.page.locator('.cm-content').click()
  await ada.page.keyboard.press('Control+f')
  await expect(ada.page.locator('.cm-search')).toBeVisible()
  await ada.page.keyboard.press('Escape')

  // Per-user undo: Ada's undo removes her typing, not Bob's.
  await ada.openFile('main.js')
  await bob.openFile('main.js')
  await ada.insertAt('end', 'const undoMe = 1')
  await expect.poll(() => bob.openFileText()).toContain('undoMe')
  await ada.page.keyboard.press('Control+z')
  await expect.poll(() => bob.openFileText()).not.toContain('undoMe')
  await expect.poll(() => bob.openFileText()).toContain('// from Bob\n')

  const adaContents = await ada.contents()
  expect(adaContents['style.css']).toContain('letter-spacing: 3px')
  expect(await bob.contents()).toEqual(adaContents)
})

test('concurrent renames, creates and deletes end in the same tree, and survive a reload', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bobContext = await contextFor(browser, BOB)
  const bob = new CodePage(await bobContext.newPage())
  const id = await ada.create(fleet.nodes[0].url, 'react')
  await bob.open(fleet.nodes[1].url, id)
  await expect(bob.item('src/App.jsx')).toBeVisible()

  // Bob loses the network, so neither sees the other's tree edits until he is back.
  await bobContext.setOffline(true)
  await expect(bob.status).toHaveAttribute('data-state', 'offline')
  await ada.nameVia('rename', 'base.css', 'src/index.css')
  await bob.nameVia('rename', 'reset.css', 'src/index.css')
  await ada.nameVia('new-file', 'utils.js', 'src')
  await bob.nameVia('new-file', 'utils.js', 'src')
  await bob.typeAt('end', 'export const fromBob = 2\n')
  await ada.remove('vite.config.js')
  await bob.remove('.gitignore')
  await ada.nameVia('new-folder', 'lib', 'src')
  // Bob edits a file Ada deletes: the delete wins, nothing is duplicated.
  await ada.remove('src/App.css')
  await bob.openFile('src/App.css')
  await bob.typeAt('end', '.x { color: red }\n')
  await expect(bob.status).toContainText('not yet saved')
  await bobContext.setOffline(false)

  // The provider retries with a doubling delay capped at 30 s (Hocuspocus' maxDelay): after a
  // long offline spell (a busy machine makes it long) the next attempt may be 30 s away, so the
  // bound is above that cap, not a guess at the machine's speed.
  await expect(bob.status).toHaveAttribute('data-state', 'connected', { timeout: 60_000 })
  await expect(bob.status).toHaveAttribute('data-pending', '0', { timeout: 20_000 })
  await expect
    .poll(async () => JSON.stringify(await bob.paths()))
    .toBe(JSON.stringify(await ada.paths()))
  const paths = await ada.paths()
  expect(paths).toContain('src/utils.js')
  expect(paths).toContain('src/utils (2).js')
  expect(paths).toContain('src/lib')
  expect(paths.filter((p) => p === 'src/base.css' || p === 'src/reset.css')).toHaveLength(1)
  for (const gone of ['src/index.css', 'vite.config.js', '.gitignore', 'src/App.css']) {
    expect(paths).not.toContain(gone)
  }
  const contents = await ada.contents()
  expect(Object.values(contents).filter((c) => c.includes('fromBob'))).toHaveLength(1)
  expect(await bob.contents()).toEqual(contents)

  // A reload (on the other node for Ada) shows the same project.
  await ada.open(fleet.nodes[1].url, id)
  expect(await ada.paths()).toEqual(paths)
  expect(await ada.contents()).toEqual(contents)
})

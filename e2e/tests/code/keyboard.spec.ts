import { expect, test } from '../../fixtures/fleet.ts'
import { focusRing, tabTo } from '../../fixtures/keyboard.ts'
import { ADA, CodePage, contextFor } from './codePage.ts'

test('a project, a new file and its first line with the keyboard alone', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const { page } = ada
  await page.goto(`${fleet.nodes[0].url}/code/`)
  await expect(page).toHaveTitle('New project · Weft Code')
  await tabTo(page, page.getByTestId('template-vanilla'))
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/code\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
  await ada.ready()
  await expect(page).toHaveTitle(/· Weft Code$/)

  // The tree is one Tab stop; arrows walk it, and the focused row is the selected one.
  const tree = page.getByRole('tree', { name: 'Files' })
  const focusedRow = tree.locator('[role="treeitem"]:focus')
  await tabTo(page, tree.locator('[role="treeitem"][tabindex="0"]'))
  expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 })
  await page.keyboard.press('Home')
  const first = await focusedRow.getAttribute('data-path')
  await page.keyboard.press('ArrowDown')
  await expect(focusedRow).not.toHaveAttribute('data-path', first as string)
  await expect(focusedRow).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(focusedRow).toHaveAttribute('data-path', first as string)

  // F2 opens the name field; Escape closes it and focus is back on the row, not the page.
  await page.keyboard.press('F2')
  await expect(page.getByRole('textbox', { name: /^Rename / })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(focusedRow).toHaveAttribute('data-path', first as string)

  // A new file at the top: Shift+Tab to "+ File", name it, and the tree has it, focused.
  await page.keyboard.press('End')
  await tabTo(page, page.getByTestId('new-file'), 'Shift+Tab', 10)
  await page.keyboard.press('Enter')
  const field = page.getByRole('textbox', { name: /^New file in / })
  await expect(field).toBeFocused()
  await page.keyboard.type('notes.txt')
  await page.keyboard.press('Enter')
  await expect(focusedRow).toHaveAttribute('data-path', /notes\.txt$/)
  const path = (await focusedRow.getAttribute('data-path')) as string

  // It opened in a tab; Tab goes on through the tab into the editor, which has a name.
  await expect(page.getByRole('tab', { name: 'notes.txt', selected: true })).toBeVisible()
  const editor = page.getByRole('textbox', { name: 'Code of notes.txt' })
  await tabTo(page, editor, 'Tab', 10)
  await page.keyboard.type('typed without a mouse')
  await expect.poll(() => ada.openFileText()).toBe('typed without a mouse')
  expect((await ada.contents())[path]).toBe('typed without a mouse')

  // Tab indents in the editor; Escape then Tab leaves it.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  await expect(editor).not.toBeFocused()
})

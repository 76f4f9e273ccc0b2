import { expect, test } from '../../fixtures/fleet.ts'
import {
  ADA,
  BOB,
  CanvasPage,
  contextFor,
  converged,
  nodeUrls,
  uniqueCanvasId,
} from './canvasPage.ts'
import { clickAt, dblclickAt, refuseDialogs, textEditor } from './editHelpers.ts'

test('notes and text are typed in place; the other user sees only committed text', async ({
  browser,
  fleet,
}) => {
  const id = uniqueCanvasId('text')
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  const dialogs: string[] = []
  refuseDialogs(ada.page, dialogs)
  refuseDialogs(bob.page, dialogs)
  await ada.open(nodeUrls(fleet)[0], id)
  await bob.open(nodeUrls(fleet)[1], id)

  // A click with the sticky tool opens an editor at that spot, in the note's colours.
  await ada.tool('sticky')
  await clickAt(ada, { x: 200, y: 150 })
  const editor = await textEditor(ada.page)
  await expect(editor).toHaveAccessibleName('Note text')
  const box = await editor.boundingBox()
  const stage = await ada.canvas.boundingBox()
  expect(Math.round((box?.x ?? 0) - (stage?.x ?? 0))).toBe(200)
  expect(Math.round(box?.width ?? 0)).toBe(160)
  await ada.page.keyboard.type('Plan')
  await ada.page.keyboard.press('Enter')
  await ada.page.keyboard.type('ship it')
  // Typing is not shared: Bob sees nothing until Ada commits.
  await expect(bob.shapes).toHaveCount(0)
  expect((await ada.doc()).shapes).toHaveLength(0)
  // A click elsewhere on the board commits.
  await clickAt(ada, { x: 700, y: 500 })
  await expect(ada.page.getByTestId('text-editor')).toHaveCount(0)
  await expect(bob.page.locator('[data-layer="shapes"] [data-shape-type="sticky"]')).toContainText(
    'Planship it',
  )
  const [note] = (await converged(ada, bob)).shapes
  expect(note).toMatchObject({ type: 'sticky', text: 'Plan\nship it', x: 200, y: 150 })

  // Bob double-clicks the note: Escape leaves it as it was.
  await bob.tool('select')
  await dblclickAt(bob, { x: 260, y: 200 })
  const bobs = await textEditor(bob.page)
  await expect(bobs).toHaveValue('Plan\nship it')
  await bob.page.keyboard.press('Control+a')
  await bob.page.keyboard.type('scrapped')
  await bob.page.keyboard.press('Escape')
  await expect(bob.page.getByTestId('text-editor')).toHaveCount(0)
  await expect(bob.canvas).toBeFocused()
  // Enter on the selected note edits it; Ctrl+Enter commits, and Ada sees the new text.
  await clickAt(bob, { x: 260, y: 200 })
  await bob.page.keyboard.press('Enter')
  await textEditor(bob.page)
  await bob.page.keyboard.press('Control+End')
  await bob.page.keyboard.type(' today')
  await bob.page.keyboard.press('Control+Enter')
  await expect
    .poll(async () => (await ada.doc()).shapes[0]?.text, { timeout: 15_000 })
    .toBe('Plan\nship it today')
  // Per-user undo: Bob's Ctrl+Z takes back his edit only.
  await bob.page.keyboard.press('Control+z')
  await expect.poll(async () => (await ada.doc()).shapes[0]?.text).toBe('Plan\nship it')

  // The text tool from the keyboard: T, Enter, type, Ctrl+Enter. An empty one is discarded.
  await ada.canvas.focus()
  await ada.page.keyboard.press('t')
  await ada.page.keyboard.press('Enter')
  await textEditor(ada.page)
  await ada.page.keyboard.press('Control+Enter')
  await ada.page.keyboard.press('t')
  await ada.page.keyboard.press('Enter')
  await textEditor(ada.page)
  await ada.page.keyboard.type('Hello Bob')
  await ada.page.keyboard.press('Control+Enter')
  await expect(bob.page.locator('[data-layer="shapes"] [data-shape-type="text"]')).toHaveText(
    'Hello Bob',
  )
  const end = await converged(ada, bob)
  expect(end.shapes.map((s) => s.text)).toEqual(['Plan\nship it', 'Hello Bob'])
  expect(dialogs).toEqual([])
})

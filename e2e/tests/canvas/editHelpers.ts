// Pointer and clipboard steps of the canvas editing specs (inline text, handles, marquee,
// groups, copy/paste, bound arrows), in canvas coordinates with the camera at 0,0 ×1.
import { expect, type Locator, type Page } from '@playwright/test'
import type { CanvasPage } from './canvasPage.ts'

type Pt = { x: number; y: number }

async function origin(board: CanvasPage): Promise<Pt> {
  const box = await board.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  return { x: box.x, y: box.y }
}

export async function clickAt(board: CanvasPage, p: Pt, modifiers: string[] = []): Promise<void> {
  const o = await origin(board)
  for (const m of modifiers) await board.page.keyboard.down(m)
  await board.page.mouse.click(o.x + p.x, o.y + p.y)
  for (const m of modifiers) await board.page.keyboard.up(m)
}

export async function dblclickAt(board: CanvasPage, p: Pt): Promise<void> {
  const o = await origin(board)
  await board.page.mouse.dblclick(o.x + p.x, o.y + p.y)
}

/** The open text editor, once it has the focus (it is focused a frame after it opens). */
export async function textEditor(page: Page): Promise<Locator> {
  const editor = page.getByTestId('text-editor')
  await expect(editor).toBeFocused({ timeout: 10_000 })
  return editor
}

/** Fails the test if the page ever opens a browser dialog (prompt, alert, confirm). */
export function refuseDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (d) => {
    seen.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
}

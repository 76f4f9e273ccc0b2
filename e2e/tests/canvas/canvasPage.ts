import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { ensureDocument } from '../../fixtures/documents.ts'
import { ADA, BOB, type E2eUser, rememberIdentity } from '../../fixtures/identity.ts'

export type CanvasUser = E2eUser
export { ADA, BOB }

export type DocShape = {
  id: string
  type: string
  x: number
  y: number
  w: number
  h: number
  z: string
  stroke: string
  fill: string
  strokeWidth: number
  text: string
}
export type DocSnapshot = { mode: string; shapes: DocShape[] }

/** A browser context whose localStorage already holds this user's identity. */
export async function contextFor(browser: Browser, user: CanvasUser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } })
  await rememberIdentity(context, user)
  return context
}

export function uniqueCanvasId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

type Pt = { x: number; y: number }

/** The board as a user works with it: tools in the toolbar, mouse on the canvas (camera at 0,0 ×1). */
export class CanvasPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(nodeUrl: string, id: string): Promise<void> {
    await ensureDocument(this.page, nodeUrl, 'canvas', id)
    await this.page.goto(`${nodeUrl}/canvas/${id}`)
    await expect(this.canvas).toBeVisible({ timeout: 20_000 })
    await expect(this.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas')
  }

  get status(): Locator {
    return this.page.getByTestId('connection-status')
  }

  get shapes(): Locator {
    return this.page.locator('[data-layer="shapes"] [data-shape-id]')
  }

  shape(id: string): Locator {
    return this.page.locator(`[data-layer="shapes"] [data-shape-id="${id}"]`)
  }

  async tool(name: string): Promise<void> {
    await this.page.locator(`[data-tool="${name}"]`).click()
  }

  private async origin(): Promise<Pt> {
    const box = await this.canvas.boundingBox()
    if (!box) throw new Error('canvas not laid out')
    return { x: box.x, y: box.y }
  }

  /** Presses at `from` and releases at `to`, in canvas coordinates, moving through `steps` points. */
  async drag(from: Pt, to: Pt, steps = 8): Promise<void> {
    const o = await this.origin()
    await this.page.mouse.move(o.x + from.x, o.y + from.y)
    await this.page.mouse.down()
    await this.page.mouse.move(o.x + to.x, o.y + to.y, { steps })
    await this.page.mouse.up()
  }

  async draw(tool: string, from: Pt, to: Pt): Promise<void> {
    await this.tool(tool)
    await this.drag(from, to)
  }

  async freehand(points: Pt[]): Promise<void> {
    await this.tool('freehand')
    const o = await this.origin()
    const [first, ...rest] = points
    if (!first) return
    await this.page.mouse.move(o.x + first.x, o.y + first.y)
    await this.page.mouse.down()
    for (const p of rest) await this.page.mouse.move(o.x + p.x, o.y + p.y, { steps: 3 })
    await this.page.mouse.up()
  }

  async doc(): Promise<DocSnapshot> {
    return JSON.parse(
      await this.page.evaluate(() => (window as unknown as { __canvasDoc: string }).__canvasDoc),
    ) as DocSnapshot
  }

  /**
   * Waits until the screen has drawn the next frame: the app renders a document change in the
   * animation frame after it (docChangeStore), so `doc()` may already hold a change that the
   * screen draws a frame later. After this, the screen shows what `doc()` held before it.
   */
  async nextFrame(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done())),
        ),
    )
  }

  /**
   * The rendered drawing (not selections or cursors) as the next frame shows it, for comparing
   * two screens.
   */
  async renderedSvg(): Promise<string> {
    await this.nextFrame()
    return this.page.locator('[data-layer="shapes"]').innerHTML()
  }
}

/** Waits until both users hold the same document, then returns it. */
export async function converged(a: CanvasPage, b: CanvasPage): Promise<DocSnapshot> {
  await expect
    .poll(async () => JSON.stringify(await a.doc()) === JSON.stringify(await b.doc()), {
      timeout: 15_000,
    })
    .toBe(true)
  return a.doc()
}

/** The two nodes' base URLs (the fleet fixture starts two). */
export function nodeUrls(fleet: { nodes: readonly { url: string }[] }): [string, string] {
  const [a, b] = fleet.nodes
  if (!a || !b) throw new Error('the canvas suite needs a two-node fleet')
  return [a.url, b.url]
}

/**
 * Ada on node A and Bob on node B, both on a new board named after `prefix`: how most two-user
 * stories begin.
 */
export async function adaAndBobOnABoard(
  browser: Browser,
  fleet: { nodes: readonly { url: string }[] },
  prefix: string,
): Promise<{ id: string; ada: CanvasPage; bob: CanvasPage }> {
  const id = uniqueCanvasId(prefix)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  const [nodeA, nodeB] = nodeUrls(fleet)
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)
  return { id, ada, bob }
}

export type TileSnapshot = {
  mode: string
  board: { rows: number; cols: number; palette: string[] } | null
  tiles: Record<string, number>
}
export type PlacementAnswer = { ok: boolean; reason?: string }

/** The tile board of a canvas (`/canvas/<id>/tiles`): palette, tiles, server answers. */
export class TileBoardPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(nodeUrl: string, id: string): Promise<void> {
    await ensureDocument(this.page, nodeUrl, 'canvas', id)
    await this.page.goto(`${nodeUrl}/canvas/${id}/tiles`)
    await expect(this.board).toBeVisible({ timeout: 20_000 })
    await expect(this.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  }

  get board(): Locator {
    return this.page.getByTestId('tile-board')
  }

  get status(): Locator {
    return this.page.getByTestId('connection-status')
  }

  get message(): Locator {
    return this.page.getByTestId('tile-message')
  }

  get pending(): Locator {
    return this.page.getByTestId('tile-pending')
  }

  tile(row: number, col: number): Locator {
    return this.page.locator(`[data-layer="tiles"] [data-tile="${row}:${col}"]`)
  }

  async pick(colour: number): Promise<void> {
    await this.page.locator(`[data-testid="palette"] [data-colour-index="${colour}"]`).click()
  }

  /** Sends a placement as given, bypassing the UI's own checks (window.__tilePlace). */
  async placeRaw(row: number, col: number, colour: number): Promise<PlacementAnswer> {
    return this.page.evaluate(
      ([r, c, k]) =>
        (
          window as unknown as {
            __tilePlace: (r: number, c: number, k: number) => Promise<PlacementAnswer>
          }
        ).__tilePlace(r, c, k),
      [row, col, colour] as const,
    )
  }

  async doc(): Promise<TileSnapshot> {
    return JSON.parse(
      await this.page.evaluate(() => (window as unknown as { __canvasDoc: string }).__canvasDoc),
    ) as TileSnapshot
  }
}

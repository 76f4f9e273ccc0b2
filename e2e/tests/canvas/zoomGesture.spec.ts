// A Ctrl+wheel zoom only scales the drawing while it goes on and redraws it at the new zoom once
// it pauses (useDrawnZoom): either way a shape must be drawn, and hit, where the camera says.
import { expect, test } from '../../fixtures/fleet.ts'
import {
  ADA,
  adaAndBobOnABoard,
  CanvasPage,
  contextFor,
  converged,
  nodeUrls,
  uniqueCanvasId,
} from './canvasPage.ts'

test('right after a zoom gesture and once redrawn, a press hits the shape where it is drawn', async ({
  browser,
  fleet,
}) => {
  const [nodeA] = nodeUrls(fleet)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(nodeA, uniqueCanvasId('zoomgesture'))
  await ada.draw('rect', { x: 300, y: 200 }, { x: 400, y: 260 })
  await expect(ada.shapes).toHaveCount(1)
  const id = await ada.shapes.first().getAttribute('data-shape-id')
  const selected = ada.page.locator('[data-selected-id]')
  const clear = async () => {
    await ada.drag({ x: 900, y: 600 }, { x: 901, y: 601 }, 1) // a press on empty board
    await expect(selected).toHaveCount(0)
  }
  await clear()

  // Three Ctrl+wheel notches in about the rectangle's centre (screen 350, 230): zoom e^0.9.
  const box = await ada.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  await ada.page.mouse.move(box.x + 350, box.y + 230)
  await ada.page.keyboard.down('Control')
  for (let i = 0; i < 3; i++) await ada.page.mouse.wheel(0, -200)
  await ada.page.keyboard.up('Control')
  const zoom = Math.exp(0.9)
  await expect(ada.page.locator('[data-testid="zoom"] button')).toHaveText(
    `${Math.round(zoom * 100)}%`,
  )
  // Screen (240, 205) is board (305, 220) now, inside the rectangle; at 100 % it was outside.
  const press = { x: 240, y: 205 }
  const rectOnScreen = async () => {
    const b = await ada.shapes.first().boundingBox()
    return b && [Math.round(b.x - box.x), Math.round(b.width)]
  }
  // Drawn where the camera puts it: left edge (300 − 350) × zoom + 350, width 100 × zoom (the
  // stroke adds a little).
  const left = Math.round((300 - 350) * zoom + 350)
  await expect
    .poll(async () => {
      const [x = 0, w = 0] = (await rectOnScreen()) ?? []
      return Math.abs(x - left) <= 4 && Math.abs(w - 100 * zoom) <= 8
    })
    .toBe(true)
  await ada.drag(press, press, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', id ?? '')

  // Once the zoom has rested the drawing is laid out at it: same place, same hit.
  await clear()
  await expect
    .poll(async () => {
      const layer = await ada.page.locator('.viewport > svg').getAttribute('style')
      return layer?.includes('scale(1)') ?? false
    })
    .toBe(true)
  await ada.drag(press, press, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', id ?? '')
})

test('after zooming out past the limit and back in, every shape is where it was, with a remote move made meanwhile', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'zoomlimit')
  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 160 })
  await ada.draw('ellipse', { x: 400, y: 300 }, { x: 500, y: 380 })
  await ada.tool('select')
  const start = await converged(ada, bob)
  const rect = start.shapes.find((s) => s.type === 'rect')
  const ellipse = start.shapes.find((s) => s.type === 'ellipse')
  if (!rect || !ellipse) throw new Error('shapes not drawn')
  // Ada's own selection (Bob's shows on her screen too, dashed: remote-selection).
  const selected = ada.page.locator('[data-testid="selection"]')
  await ada.drag({ x: 900, y: 600 }, { x: 901, y: 601 }, 1) // a press on empty board
  await expect(selected).toHaveCount(0)

  // Ctrl+wheel out about the board's top-left corner (screen 1, 1) well past the 10 % limit: the
  // last notches change nothing but the wheel is still turning.
  const box = await ada.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  const zoomButton = ada.page.locator('[data-testid="zoom"] button')
  await ada.page.mouse.move(box.x + 1, box.y + 1)
  await ada.page.keyboard.down('Control')
  for (let i = 0; i < 5; i++) await ada.page.mouse.wheel(0, 600)
  await expect(zoomButton).toHaveText('10%')
  // Meanwhile Bob drags the ellipse 200 × 100 further.
  await bob.drag({ x: 450, y: 340 }, { x: 650, y: 440 })
  for (let i = 0; i < 2; i++) await ada.page.mouse.wheel(0, 600)
  // Back in: three notches of e^0.9 from 10 %, about the same corner.
  for (let i = 0; i < 3; i++) await ada.page.mouse.wheel(0, -600)
  await ada.page.keyboard.up('Control')
  const zoom = 0.1 * Math.exp(2.7)
  await expect(zoomButton).toHaveText(`${Math.round(zoom * 100)}%`)

  // Once the zoom rests, both shapes are SVG again, drawn where the camera puts them: the camera
  // keeps board point (1, 1) under screen point (1, 1).
  const onScreen = (p: { x: number; y: number }) => ({
    x: (p.x - 1) * zoom + 1,
    y: (p.y - 1) * zoom + 1,
  })
  const drawnAt = async (shapeId: string) => {
    const b = await ada.shape(shapeId).boundingBox()
    return b && { x: b.x - box.x + b.width / 2, y: b.y - box.y + b.height / 2 }
  }
  const near = (a: { x: number; y: number } | null, b: { x: number; y: number }) =>
    a !== null && Math.abs(a.x - b.x) <= 4 && Math.abs(a.y - b.y) <= 4
  const rectCentre = onScreen({ x: 150, y: 130 })
  const ellipseCentre = onScreen({ x: 650, y: 440 }) // where Bob left it
  await expect.poll(async () => near(await drawnAt(rect.id), rectCentre)).toBe(true)
  await expect.poll(async () => near(await drawnAt(ellipse.id), ellipseCentre)).toBe(true)
  await expect(ada.shapes).toHaveCount(2)

  // And each is selected by a press where it is drawn.
  await ada.drag(rectCentre, rectCentre, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', rect.id)
  await ada.drag(ellipseCentre, ellipseCentre, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', ellipse.id)
})

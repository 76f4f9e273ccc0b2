import type { ShapeInit, ShapeStyle } from '@weft/canvas-model'
import type { Point } from './geometry.ts'
import { drawnShape } from './gestures.ts'
import type { Tool } from './tools.ts'

/** Half the size of a shape drawn from the keyboard (then resized with Ctrl/Cmd+arrows). */
const HALF_W = 60
const HALF_H = 40

/**
 * The shape Enter draws with a drawing tool, centred on `at` (the middle of the view): what a
 * 120 × 80 drag would give. Text and notes are not drawn here: they ask for their text first.
 */
export function keyboardShape(tool: Tool, at: Point, style: ShapeStyle): ShapeInit | null {
  const from = { x: at.x - HALF_W, y: at.y - HALF_H }
  const to = { x: at.x + HALF_W, y: at.y + HALF_H }
  if (tool === 'line' || tool === 'arrow') {
    return drawnShape(
      tool,
      [
        { x: from.x, y: at.y },
        { x: to.x, y: at.y },
      ],
      style,
    )
  }
  if (tool === 'freehand') {
    // A short wave, so a pen stroke from the keyboard looks like one.
    const wave = [0, 1, 2, 3, 4].map((i) => ({ x: from.x + i * 30, y: at.y + (i % 2 ? -15 : 15) }))
    return drawnShape(tool, wave, style)
  }
  return drawnShape(tool, [from, to], style)
}

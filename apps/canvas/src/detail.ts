import type { Shape } from '@weft/canvas-model'
import { type Box, TEXT } from './geometry.ts'

// Level of detail. Far out, nearly every shape on the board is in view, and laying out and
// painting thousands of SVG elements (text above all: every glyph of labels a few pixels tall)
// costs several frames per redraw. Below COARSE_BELOW the screen paints the shapes onto a canvas
// instead (paintShapes.ts), text as bars the size of the words. Export always draws full detail.

/** Drawn zoom under which shapes are drawn coarsely: 20 px text is 7 px here, barely legible. */
export const COARSE_BELOW = 0.35

export type Detail = 'full' | 'coarse'

/**
 * The detail to draw at, from the zoom the drawing is laid out at (useDrawnZoom), not the zoom
 * shown during a zoom gesture, so detail switches only when the shapes are redrawn anyway.
 */
export function detailFor(drawnZoom: number): Detail {
  return drawnZoom < COARSE_BELOW ? 'coarse' : 'full'
}

/** Bar height as a fraction of the font size: about the x-height plus a little, like lower case. */
const BAR = 0.6

/**
 * Bars standing in for the shape's text lines: each line a rectangle where its words would be
 * (same baselines as the full text, width from the character count, empty lines left out).
 * Bars of a sticky note (`inset` = its padding) stop at the padding, as its text mostly does.
 */
export function textBars(s: Pick<Shape, 'x' | 'y' | 'w' | 'text' | 'fontSize'>, inset = 0): Box[] {
  const left = s.x + inset
  const maxW = inset ? Math.max(0, s.w - 2 * inset) : Number.POSITIVE_INFINITY
  const h = s.fontSize * BAR
  const bars: Box[] = []
  // The full drawing's baselines (TEXT.lineHeight); a bar sits on each.
  let baseline = s.y + inset + s.fontSize
  for (const line of s.text.split('\n')) {
    const w = Math.min(maxW, line.trimEnd().length * s.fontSize * TEXT.advance)
    if (w > 0) bars.push({ x: left, y: baseline - h, w, h })
    baseline += s.fontSize * TEXT.lineHeight
  }
  return bars
}

import type { Shape } from '@weft/canvas-model'
import { type Box, type Camera, TEXT } from './geometry.ts'

// Viewport culling: the DOM holds only the shapes near the screen, because with thousands of SVG
// shapes the browser's layout and paint of off-screen ones dominate every pan, zoom and drag.

/** The canvas area a stage of `width` × `height` screen pixels shows through `cam`. */
export function viewport(cam: Camera, width: number, height: number): Box {
  return { x: cam.x, y: cam.y, w: width / cam.zoom, h: height / cam.zoom }
}

/**
 * The area to render: the viewport grown by `margin` (a fraction of its size) on every side.
 * The previous area is kept while the viewport stays inside it and it is not much larger than
 * needed (after zooming in), so a pan re-culls only every so often instead of on every step.
 */
export function coverFor(prev: Box | null, view: Box, margin = 0.3): Box {
  const fresh = grow(view, margin)
  if (prev && contains(prev, view) && prev.w <= 2 * fresh.w) return prev
  return fresh
}

/**
 * Shapes whose drawing may reach into `area`, in paint order, plus every shape in `keep`
 * (selected or being dragged: their outlines and handles need them, and a drag must not
 * unmount the shape under the pointer).
 */
export function visibleShapes(
  shapes: readonly Shape[],
  area: Box,
  keep: ReadonlySet<string> = new Set(),
): Shape[] {
  const out: Shape[] = []
  for (const s of shapes) {
    if (keep.has(s.id) || overlaps(drawnBounds(s), area)) out.push(s)
  }
  return out
}

// Shapes are immutable objects that keep their identity while unchanged (the model's cache), so
// their bounds are computed once per version of a shape.
const boundsOf = new WeakMap<Shape, Box>()

/**
 * A box that holds everything the shape draws: its stroke, an arrowhead past the end point, text
 * that outgrows its box (a sticky's lines are not wrapped), and any rotation (the circle around
 * the centre). Generous on purpose: a shape drawn but skipped is a visible bug, the reverse is not.
 */
export function drawnBounds(s: Shape): Box {
  const known = boundsOf.get(s)
  if (known) return known
  let { w, h } = s
  if (s.type === 'text' || s.type === 'sticky') {
    const lines = s.text.split('\n')
    const longest = Math.max(...lines.map((l) => l.length))
    // One em per character covers wide glyphs; the app's own estimate uses TEXT.advance.
    w = Math.max(w, 10 + longest * s.fontSize)
    h = Math.max(h, 10 + (lines.length + 0.5) * s.fontSize * TEXT.lineHeight)
  }
  const pad = s.strokeWidth + (s.type === 'arrow' ? 8 + 2 * s.strokeWidth : 0)
  let box: Box = { x: s.x - pad, y: s.y - pad, w: w + 2 * pad, h: h + 2 * pad }
  if (s.rotation) {
    // Rotation is about the shape's own centre; the grown box fits in a circle of its diagonal.
    const cx = s.x + s.w / 2
    const cy = s.y + s.h / 2
    const r = Math.hypot(Math.max(w, s.w), Math.max(h, s.h)) + pad
    box = { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }
  }
  boundsOf.set(s, box)
  return box
}

function grow(b: Box, margin: number): Box {
  const mx = b.w * margin
  const my = b.h * margin
  return { x: b.x - mx, y: b.y - my, w: b.w + 2 * mx, h: b.h + 2 * my }
}

/** Whether `inner` lies wholly inside `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  )
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

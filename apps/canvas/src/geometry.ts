import type { Shape } from '@weft/canvas-model'

export type Point = { x: number; y: number }
export type Box = { x: number; y: number; w: number; h: number }
export type Camera = { x: number; y: number; zoom: number }

/** The box spanned by two corners, whichever way the drag went. */
export function boxFrom(a: Point, b: Point): Box {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(b.x - a.x),
    h: Math.abs(b.y - a.y),
  }
}

/** A stroke in canvas coordinates as a box plus points normalised to it (what the model stores). */
export function normalisePoints(points: readonly Point[]): Box & { points: number[] } {
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  const w = Math.max(...xs) - x
  const h = Math.max(...ys) - y
  const flat: number[] = []
  for (const p of points) {
    flat.push(round(w ? (p.x - x) / w : 0, 4), round(h ? (p.y - y) / h : 0, 4))
  }
  return { x, y, w, h, points: flat }
}

/** The shape's points in canvas coordinates. */
export function absolutePoints(s: Pick<Shape, 'x' | 'y' | 'w' | 'h' | 'points'>): Point[] {
  const out: Point[] = []
  for (let i = 0; i + 1 < s.points.length; i += 2) {
    out.push({ x: s.x + (s.points[i] as number) * s.w, y: s.y + (s.points[i + 1] as number) * s.h })
  }
  return out
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/** Screen point (relative to the stage) to canvas coordinates. */
export function toCanvas(cam: Camera, sx: number, sy: number): Point {
  return { x: cam.x + sx / cam.zoom, y: cam.y + sy / cam.zoom }
}

/** Zooms by `factor` keeping the canvas point under the screen point (sx, sy) fixed. */
export function zoomAt(cam: Camera, sx: number, sy: number, factor: number): Camera {
  const zoom = Math.min(8, Math.max(0.1, cam.zoom * factor))
  const p = toCanvas(cam, sx, sy)
  return { zoom, x: p.x - sx / zoom, y: p.y - sy / zoom }
}

/** The union of the shapes' boxes (rotation ignored, padded by their stroke), or null if none. */
export function bounds(shapes: readonly Shape[], pad = 0): Box | null {
  if (!shapes.length) return null
  let x0 = Number.POSITIVE_INFINITY
  let y0 = Number.POSITIVE_INFINITY
  let x1 = Number.NEGATIVE_INFINITY
  let y1 = Number.NEGATIVE_INFINITY
  for (const s of shapes) {
    // A rotated box fits in the circle around its centre.
    const r = s.rotation ? Math.hypot(s.w, s.h) / 2 : 0
    const cx = s.x + s.w / 2
    const cy = s.y + s.h / 2
    const hw = r || s.w / 2
    const hh = r || s.h / 2
    const sw = s.strokeWidth
    x0 = Math.min(x0, cx - hw - sw)
    y0 = Math.min(y0, cy - hh - sw)
    x1 = Math.max(x1, cx + hw + sw)
    y1 = Math.max(y1, cy + hh + sw)
  }
  return { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2 * pad, h: y1 - y0 + 2 * pad }
}

/** The box after its bottom-right handle moved by (dx, dy); keeps a minimum size. */
export function resizeBox(start: Box, dx: number, dy: number): Box {
  return {
    x: start.x,
    y: start.y,
    w: round(Math.max(1, start.w + dx)),
    h: round(Math.max(1, start.h + dy)),
  }
}

/** Rotation in degrees for a handle dragged to p around the box centre (0 = handle straight up). */
export function rotationTo(box: Box, p: Point): number {
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  const deg = (Math.atan2(p.y - cy, p.x - cx) * 180) / Math.PI + 90
  return round(((deg % 360) + 360) % 360, 0)
}

/** Text metrics every drawing of a text shape shares (fractions of the font size). */
export const TEXT = {
  /** Average glyph advance: the width estimate of a line. */
  advance: 0.6,
  /** Distance between baselines; the first baseline sits one font size below the top. */
  lineHeight: 1.25,
} as const

/** The three corners of an arrow's head at `to`, pointing away from `from`. */
export function arrowHeadPoints(
  from: Point,
  to: Point,
  strokeWidth: number,
): [Point, Point, Point] {
  const len = 8 + strokeWidth * 2
  const a = Math.atan2(to.y - from.y, to.x - from.x)
  return [
    to,
    { x: to.x - len * Math.cos(a - 0.45), y: to.y - len * Math.sin(a - 0.45) },
    { x: to.x - len * Math.cos(a + 0.45), y: to.y - len * Math.sin(a + 0.45) },
  ]
}

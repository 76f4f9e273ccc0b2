/**
 * Marquee selection: a box dragged on empty canvas selects every shape it touches, as in tldraw
 * (a shape partly inside counts; docs/decisions/0151). "Touches" follows the drawing: a stroke
 * when one of its segments enters the box, a box shape when its turned outline does (an
 * ellipse counts as its box) or, when it is painted inside, when the box lies within it.
 */
import type { Shape } from '@weft/canvas-model'
import { absolutePoints, type Box, type Point } from './geometry.ts'

function inside(p: Point, b: Box): boolean {
  return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h
}

function turned(s: Shape, p: Point): Point {
  if (!s.rotation) return p
  const cx = s.x + s.w / 2
  const cy = s.y + s.h / 2
  const a = (s.rotation * Math.PI) / 180
  const dx = p.x - cx
  const dy = p.y - cy
  return {
    x: cx + dx * Math.cos(a) - dy * Math.sin(a),
    y: cy + dx * Math.sin(a) + dy * Math.cos(a),
  }
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/** Whether segments ab and cd meet (touching ends included). */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true
  }
  const on = (p: Point, q: Point, r: Point) =>
    Math.min(p.x, q.x) <= r.x &&
    r.x <= Math.max(p.x, q.x) &&
    Math.min(p.y, q.y) <= r.y &&
    r.y <= Math.max(p.y, q.y)
  return (
    (d1 === 0 && on(c, d, a)) ||
    (d2 === 0 && on(c, d, b)) ||
    (d3 === 0 && on(a, b, c)) ||
    (d4 === 0 && on(a, b, d))
  )
}

function corners(b: Box): Point[] {
  return [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x + b.w, y: b.y + b.h },
    { x: b.x, y: b.y + b.h },
  ]
}

/** Whether a polyline (closed: a polygon's outline) enters the box. */
function pathTouches(points: Point[], box: Box, closed: boolean): boolean {
  if (points.some((p) => inside(p, box))) return true
  const edges = corners(box)
  const n = points.length
  for (let i = 0; i < (closed ? n : n - 1); i++) {
    const a = points[i] as Point
    const b = points[(i + 1) % n] as Point
    for (let j = 0; j < 4; j++) {
      if (segmentsMeet(a, b, edges[j] as Point, edges[(j + 1) % 4] as Point)) return true
    }
  }
  return false
}

/** Whether the point lies inside a convex polygon given clockwise or anticlockwise. */
function inPolygon(p: Point, poly: Point[]): boolean {
  let sign = 0
  for (let i = 0; i < poly.length; i++) {
    const c = cross(poly[i] as Point, poly[(i + 1) % poly.length] as Point, p)
    if (c === 0) continue
    if (sign === 0) sign = Math.sign(c)
    else if (Math.sign(c) !== sign) return false
  }
  return true
}

/** Whether the shape's drawing touches the box (canvas units). */
export function touches(s: Shape, box: Box): boolean {
  if (s.type === 'line' || s.type === 'arrow' || s.type === 'freehand') {
    const points = absolutePoints(s).map((p) => turned(s, p))
    return points.length > 0 && pathTouches(points, box, false)
  }
  const outline = corners(s).map((p) => turned(s, p))
  // The outline enters the box, or the box lies wholly inside a shape that is painted there
  // (filled, a note or a text); inside an unfilled outline is empty canvas.
  const solid = s.type === 'sticky' || s.type === 'text' || s.fill !== 'none'
  return pathTouches(outline, box, true) || (solid && inPolygon({ x: box.x, y: box.y }, outline))
}

/**
 * The selection a marquee gives: `base` (what was selected when Shift was held at the press)
 * plus every shape the box touches, in paint order.
 */
export function marqueeSelection(
  shapes: readonly Shape[],
  box: Box,
  base: readonly string[],
): string[] {
  const out = [...base]
  const have = new Set(base)
  for (const s of shapes) if (!have.has(s.id) && touches(s, box)) out.push(s.id)
  return out
}

import type { Shape } from '@weft/canvas-model'
import { absolutePoints, type Point } from './geometry.ts'

// Hit testing by geometry, for the far-out screen where shapes are pixels on a canvas
// (paintShapes.ts) and the browser cannot say which shape is under the pointer. It follows what
// the SVG drawing accepts: a box shape (rect, ellipse, text, sticky) anywhere inside its box
// (filled or not, see styles.css), a stroke within its width plus 5 units on either side
// (ShapeView's hit outline), and the topmost such shape wins.

/** The topmost shape under `p` (canvas units), with `slop` units of extra reach, or null. */
export function shapeAt(shapes: readonly Shape[], p: Point, slop = 0): Shape | null {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i] as Shape
    if (hits(s, unrotate(s, p), slop)) return s
  }
  return null
}

function hits(s: Shape, p: Point, slop: number): boolean {
  switch (s.type) {
    case 'rect':
    case 'text':
    case 'sticky':
    case 'image':
      return (
        p.x >= s.x - slop && p.x <= s.x + s.w + slop && p.y >= s.y - slop && p.y <= s.y + s.h + slop
      )
    case 'ellipse': {
      const rx = s.w / 2 + slop
      const ry = s.h / 2 + slop
      const dx = p.x - (s.x + s.w / 2)
      const dy = p.y - (s.y + s.h / 2)
      return rx > 0 && ry > 0 && (dx / rx) ** 2 + (dy / ry) ** 2 <= 1
    }
    case 'line':
    case 'arrow':
    case 'freehand': {
      const reach = s.strokeWidth / 2 + 5 + slop
      const pts = absolutePoints(s)
      for (let i = 1; i < pts.length; i++) {
        if (toSegment(p, pts[i - 1] as Point, pts[i] as Point) <= reach) return true
      }
      return pts.length === 1 && toSegment(p, pts[0] as Point, pts[0] as Point) <= reach
    }
  }
}

/** `p` in the shape's unrotated frame (rotation is about the box centre, as ShapeView draws it). */
function unrotate(s: Shape, p: Point): Point {
  if (!s.rotation) return p
  const cx = s.x + s.w / 2
  const cy = s.y + s.h / 2
  const a = (-s.rotation * Math.PI) / 180
  const dx = p.x - cx
  const dy = p.y - cy
  return {
    x: cx + dx * Math.cos(a) - dy * Math.sin(a),
    y: cy + dx * Math.sin(a) + dy * Math.cos(a),
  }
}

function toSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const len2 = dx * dx + dy * dy
  const t = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

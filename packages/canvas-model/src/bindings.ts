/**
 * Where a bound arrow is drawn. A binding stores only which shape an arrow end is held to and
 * where on that shape's box (fractions of its size); the end's position is worked out from the
 * shape as it is now, by every client, so the arrow follows a move or resize by anyone without
 * anyone rewriting the arrow (a rewrite would race with its owner's own edits: decision 0152).
 */
import type { Binding, Shape } from './types.ts'

type Point = { x: number; y: number }

function turn(p: Point, about: Point, degrees: number): Point {
  if (!degrees) return p
  const a = (degrees * Math.PI) / 180
  const dx = p.x - about.x
  const dy = p.y - about.y
  return {
    x: about.x + dx * Math.cos(a) - dy * Math.sin(a),
    y: about.y + dx * Math.sin(a) + dy * Math.cos(a),
  }
}

function centre(s: Pick<Shape, 'x' | 'y' | 'w' | 'h'>): Point {
  return { x: s.x + s.w / 2, y: s.y + s.h / 2 }
}

const round = (v: number) => Math.round(v * 10) / 10
const round4 = (v: number) => Math.round(v * 10_000) / 10_000

/** The canvas point a binding holds an end to, on its shape as drawn (turned with it). */
export function boundPoint(target: Shape, b: Binding): Point {
  const p = { x: target.x + b.x * target.w, y: target.y + b.y * target.h }
  return turn(p, centre(target), target.rotation)
}

/** The binding that holds an end at canvas point `p` on `target` (clamped to its box). */
export function bindingTo(target: Shape, p: Point): Binding {
  const local = turn(p, centre(target), -target.rotation)
  const frac = (v: number, from: number, size: number) =>
    size > 0 ? round4(Math.min(1, Math.max(0, (v - from) / size))) : 0.5
  return {
    id: target.id,
    x: frac(local.x, target.x, target.w),
    y: frac(local.y, target.y, target.h),
  }
}

/** An arrow's points on the canvas as stored (turned with it). */
function storedPoints(s: Shape): Point[] {
  const c = centre(s)
  const out: Point[] = []
  for (let i = 0; i + 1 < s.points.length; i += 2) {
    const p = { x: s.x + (s.points[i] as number) * s.w, y: s.y + (s.points[i + 1] as number) * s.h }
    out.push(turn(p, c, s.rotation))
  }
  return out
}

/**
 * The arrow as drawn now: each bound end at its shape (ends bound to missing shapes stay where
 * they were stored). The same object when nothing is bound to an existing shape.
 */
export function resolveArrow(s: Shape, get: (id: string) => Shape | null): Shape {
  if (s.type !== 'arrow' || (!s.startBinding && !s.endBinding)) return s
  const start = s.startBinding && get(s.startBinding.id)
  const end = s.endBinding && get(s.endBinding.id)
  if (!start && !end) return s
  const points = storedPoints(s)
  if (points.length < 2) return s
  if (start && s.startBinding) points[0] = boundPoint(start, s.startBinding)
  if (end && s.endBinding) points[points.length - 1] = boundPoint(end, s.endBinding)
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const x = round(Math.min(...xs))
  const y = round(Math.min(...ys))
  const w = round(Math.max(...xs)) - x
  const h = round(Math.max(...ys)) - y
  const flat: number[] = []
  for (const p of points) flat.push(round4(w ? (p.x - x) / w : 0), round4(h ? (p.y - y) / h : 0))
  return { ...s, x, y, w: round(w), h: round(h), rotation: 0, points: flat }
}

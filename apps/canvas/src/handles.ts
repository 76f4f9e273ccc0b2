/**
 * Resizing by the selection's eight handles, apart from React: which handle sits where with
 * which cursor, and the boxes a drag of one gives. One shape resizes in its own rotated frame
 * (the opposite corner or edge stays put on the screen); several shapes scale together inside
 * the box around them. Lines and arrows move an end instead (`moveEndpoint`).
 */
import type { Shape, ShapePatch } from '@weft/canvas-model'
import { absolutePoints, type Box, normalisePoints, type Point, round } from './geometry.ts'

export type ResizeHandle = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw'

/** Clockwise from the top; `fx`, `fy` place the handle on the box (0 left/top … 1 right/bottom). */
export const RESIZE_HANDLES: readonly { handle: ResizeHandle; fx: number; fy: number }[] = [
  { handle: 'n', fx: 0.5, fy: 0 },
  { handle: 'ne', fx: 1, fy: 0 },
  { handle: 'e', fx: 1, fy: 0.5 },
  { handle: 'se', fx: 1, fy: 1 },
  { handle: 's', fx: 0.5, fy: 1 },
  { handle: 'sw', fx: 0, fy: 1 },
  { handle: 'w', fx: 0, fy: 0.5 },
  { handle: 'nw', fx: 0, fy: 0 },
]

export function isResizeHandle(v: string | null): v is ResizeHandle {
  return RESIZE_HANDLES.some((h) => h.handle === v)
}

const CURSORS = ['ns-resize', 'nesw-resize', 'ew-resize', 'nwse-resize'] as const

/** The cursor of a handle on a box turned by `rotation` degrees (the nearest of the four). */
export function cursorFor(handle: ResizeHandle, rotation: number): string {
  const i = RESIZE_HANDLES.findIndex((h) => h.handle === handle)
  const turned = i + Math.round(rotation / 45)
  return CURSORS[((turned % 4) + 4) % 4] as string
}

function rotate(p: Point, degrees: number): Point {
  if (!degrees) return p
  const a = (degrees * Math.PI) / 180
  const cos = Math.cos(a)
  const sin = Math.sin(a)
  return { x: p.x * cos - p.y * sin, y: p.x * sin + p.y * cos }
}

/** A shape's box, or several shapes' boxes together (rotation ignored). */
export function frameOf(shapes: readonly Pick<Shape, 'x' | 'y' | 'w' | 'h'>[]): Box {
  const x = Math.min(...shapes.map((s) => s.x))
  const y = Math.min(...shapes.map((s) => s.y))
  const x1 = Math.max(...shapes.map((s) => s.x + s.w))
  const y1 = Math.max(...shapes.map((s) => s.y + s.h))
  return { x, y, w: x1 - x, h: y1 - y }
}

/**
 * The box after `handle` of `frame` (turned by `rotation` about its centre) moved by `delta`
 * on the canvas. The opposite handle stays where it is; the box never flips or shrinks below
 * one unit. `keepAspect` (Shift) scales both sides alike; from an edge, about the middle.
 */
export function resizeFrame(
  frame: Box,
  rotation: number,
  handle: ResizeHandle,
  delta: Point,
  keepAspect: boolean,
): Box {
  const spec = RESIZE_HANDLES.find((h) => h.handle === handle)
  if (!spec) return frame
  const { fx, fy } = spec
  const d = rotate(delta, -rotation)
  let w = fx === 0.5 ? frame.w : Math.max(1, frame.w + (fx === 1 ? d.x : -d.x))
  let h = fy === 0.5 ? frame.h : Math.max(1, frame.h + (fy === 1 ? d.y : -d.y))
  if (keepAspect && frame.w > 0 && frame.h > 0) {
    const s =
      fx === 0.5 ? h / frame.h : fy === 0.5 ? w / frame.w : Math.max(w / frame.w, h / frame.h)
    w = Math.max(1, frame.w * s)
    h = Math.max(1, frame.h * s)
  }
  // The anchor (the point opposite the handle) keeps its place on the canvas.
  const centre = { x: frame.x + frame.w / 2, y: frame.y + frame.h / 2 }
  const was = rotate({ x: (0.5 - fx) * frame.w, y: (0.5 - fy) * frame.h }, rotation)
  const now = rotate({ x: (0.5 - fx) * w, y: (0.5 - fy) * h }, rotation)
  const cx = centre.x + was.x - now.x
  const cy = centre.y + was.y - now.y
  return { x: round(cx - w / 2), y: round(cy - h / 2), w: round(w), h: round(h) }
}

/** Where `s` goes when the frame around it goes from `from` to `to` (each side scaled alike). */
function fitted(s: Box, from: Box, to: Box): Box {
  const sx = from.w ? to.w / from.w : 1
  const sy = from.h ? to.h / from.h : 1
  return {
    x: round(to.x + (s.x - from.x) * sx),
    y: round(to.y + (s.y - from.y) * sy),
    w: round(s.w * sx),
    h: round(s.h * sy),
  }
}

/** A text's letters grow with its height, so a resized text box still fits its text. */
function withFont(s: Shape, box: Box): ShapePatch {
  if (s.type !== 'text' || !s.h) return box
  return { ...box, fontSize: Math.max(4, round((s.fontSize * box.h) / s.h)) }
}

/**
 * The writes of a resize of `shapes` (as they were when the drag began) by `handle` moved by
 * `delta`: one shape in its own rotated box, several together in the box around them.
 */
export function resizePatches(
  shapes: readonly Shape[],
  handle: ResizeHandle,
  delta: Point,
  keepAspect: boolean,
): (readonly [string, ShapePatch])[] {
  const [only] = shapes
  if (!only) return []
  if (shapes.length === 1) {
    return [[only.id, withFont(only, resizeFrame(only, only.rotation, handle, delta, keepAspect))]]
  }
  const from = frameOf(shapes)
  const to = resizeFrame(from, 0, handle, delta, keepAspect)
  return shapes.map((s) => [s.id, withFont(s, fitted(s, from, to))] as const)
}

export type Endpoint = 'start' | 'end'

/**
 * A line or arrow with its first (`start`) or last (`end`) point moved to `p` on the canvas.
 * The other points keep their places on the screen, so a turned line is straightened into its
 * drawn position (rotation 0) first.
 */
export function moveEndpoint(s: Shape, which: Endpoint, p: Point): ShapePatch {
  const centre = { x: s.x + s.w / 2, y: s.y + s.h / 2 }
  const points = absolutePoints(s).map((q) => {
    const r = rotate({ x: q.x - centre.x, y: q.y - centre.y }, s.rotation)
    return { x: centre.x + r.x, y: centre.y + r.y }
  })
  if (points.length < 2) return {}
  points[which === 'start' ? 0 : points.length - 1] = p
  return { ...normalisePoints(points), rotation: 0 }
}

/** Where a line's end is drawn (rotation included), for its handle. */
export function endpointAt(s: Shape, which: Endpoint): Point | null {
  const points = absolutePoints(s)
  const q = which === 'start' ? points[0] : points.at(-1)
  if (!q) return null
  const centre = { x: s.x + s.w / 2, y: s.y + s.h / 2 }
  const r = rotate({ x: q.x - centre.x, y: q.y - centre.y }, s.rotation)
  return { x: centre.x + r.x, y: centre.y + r.y }
}

/**
 * What a pointer does on the canvas, decided apart from React and the DOM: a press starts a pan,
 * a selection change, a move, a resize, a rotation, a drawing or a text editor; each pointer
 * step of a gesture becomes a camera, a model change or a draft. CanvasView carries the
 * decisions out (pointer capture, undo steps, text editors, model writes).
 */
import type { Shape, ShapeInit, ShapePatch, ShapeStyle } from '@weft/canvas-model'
import {
  type Box,
  boxFrom,
  type Camera,
  normalisePoints,
  type Point,
  rotationTo,
  round,
} from './geometry.ts'
import {
  type Endpoint,
  isResizeHandle,
  moveEndpoint,
  type ResizeHandle,
  resizePatches,
} from './handles.ts'
import { type Tool, textBox } from './tools.ts'

export type Gesture =
  | { kind: 'pan'; sx: number; sy: number; cam: Camera }
  /** `detached`: bound arrows among the moved shapes were let go of (dragWrites.ts). */
  | { kind: 'move'; start: Point; origins: Map<string, Point>; detached?: boolean }
  /** A resize handle: `shapes` as they were at the press, resized together (handles.ts). */
  | { kind: 'resize'; handle: ResizeHandle; start: Point; shapes: Shape[]; detached?: boolean }
  /** One end of a line or arrow, dragged. */
  | { kind: 'endpoint'; which: Endpoint; shape: Shape; detached?: boolean }
  | { kind: 'rotate'; id: string; box: Box }
  | { kind: 'draw'; start: Point; points: Point[] }
  /** A marquee from `start`; `base` is what stays selected (Shift held at the press). */
  | { kind: 'marquee'; start: Point; base: string[] }

export type Press = {
  button: number
  tool: Tool
  shift: boolean
  /** The selection handle under the pointer (`n` … `nw`, `rotate`, `start`, `end`), if any. */
  handle: string | null
  /** The shape under the pointer, if any (none when on a handle). */
  hitId: string | null
  /** Where, on the canvas (rounded) and on the screen. */
  point: Point
  screen: { sx: number; sy: number }
  cam: Camera
  selection: string[]
  /** A shape as drawn (a bound arrow with its ends on its shapes). */
  shapeOf: (id: string) => Shape | null
  /** Space held or a touch: a drag on empty canvas pans instead of drawing a marquee. */
  panning?: boolean
  /** What picking a shape takes: its whole group, or only it (groups.ts); default only it. */
  pick?: (id: string) => string[]
}

export type PressOutcome =
  /** Not a button the canvas uses. */
  | { kind: 'ignore' }
  /** Middle button, or Space / a touch on empty canvas; a plain press there clears the selection. */
  | { kind: 'pan'; gesture: Gesture; clearSelection: boolean }
  /** The select tool on empty canvas: a marquee; without Shift the selection starts empty. */
  | { kind: 'marquee'; gesture: Gesture; clearSelection: boolean }
  /** The select tool on a shape or handle: a new undo step, maybe a new selection, maybe a drag. */
  | { kind: 'select'; selection: string[] | null; gesture: Gesture | null }
  /** The text or sticky tool: open a text editor here (the shape is added when it commits). */
  | { kind: 'text'; tool: 'text' | 'sticky' }
  /** A shape tool: a new undo step and a drawing that follows the pointer. */
  | { kind: 'draw'; gesture: Gesture }

export function pressOutcome(press: Press): PressOutcome {
  const { button, tool, shift, handle, hitId, point, selection } = press
  if (button !== 0 && button !== 1) return { kind: 'ignore' }
  const empty = tool === 'select' && !hitId && !handle
  if (button === 1 || (empty && press.panning)) {
    return {
      kind: 'pan',
      gesture: { kind: 'pan', sx: press.screen.sx, sy: press.screen.sy, cam: press.cam },
      clearSelection: button === 0 && tool === 'select' && !shift,
    }
  }
  if (empty) {
    const base = shift ? [...selection] : []
    return {
      kind: 'marquee',
      gesture: { kind: 'marquee', start: point, base },
      clearSelection: !shift,
    }
  }
  if (tool === 'select') {
    if (handle) return { kind: 'select', selection: null, gesture: handleGesture(press, handle) }
    if (!hitId) return { kind: 'select', selection: null, gesture: null }
    const ids = clickedSelection(selection, hitId, shift, press.pick?.(hitId))
    const origins = new Map<string, Point>()
    for (const id of ids) {
      const s = press.shapeOf(id)
      if (s) origins.set(id, { x: s.x, y: s.y })
    }
    return { kind: 'select', selection: ids, gesture: { kind: 'move', start: point, origins } }
  }
  if (tool === 'text' || tool === 'sticky') return { kind: 'text', tool }
  return { kind: 'draw', gesture: { kind: 'draw', start: point, points: [point] } }
}

/** The drag a press on a selection handle starts (null when the handle does not apply). */
function handleGesture(press: Press, handle: string): Gesture | null {
  const shapes = press.selection.flatMap((id) => press.shapeOf(id) ?? [])
  const single = shapes.length === 1 ? (shapes[0] as Shape) : null
  if (isResizeHandle(handle) && shapes.length > 0) {
    return { kind: 'resize', handle, start: press.point, shapes }
  }
  if (!single) return null
  if (handle === 'rotate') {
    const box = { x: single.x, y: single.y, w: single.w, h: single.h }
    return { kind: 'rotate', id: single.id, box }
  }
  if ((handle === 'start' || handle === 'end') && single.points.length >= 4) {
    return { kind: 'endpoint', which: handle, shape: single }
  }
  return null
}

/**
 * A click on a shape (with `picked`, the shapes that come with it: its group): Shift toggles
 * them in the selection; a plain click on an unselected one selects only them.
 */
export function clickedSelection(
  selection: string[],
  hitId: string,
  shift: boolean,
  picked: string[] = [hitId],
): string[] {
  if (shift) {
    if (selection.includes(hitId)) return selection.filter((s) => !picked.includes(s))
    return [...selection, ...picked.filter((s) => !selection.includes(s))]
  }
  return selection.includes(hitId) ? selection : picked
}

export type StepOutcome =
  | { kind: 'camera'; cam: Camera }
  /** Whole positions for every moved shape, written together (see CanvasView). */
  | { kind: 'move'; patches: (readonly [string, ShapePatch])[] }
  /** Whole boxes for every resized shape, written together. */
  | { kind: 'resize'; patches: (readonly [string, ShapePatch])[] }
  | { kind: 'update'; id: string; patch: ShapePatch }
  | { kind: 'draft'; points: Point[] }
  /** The marquee's box; what it selects is marquee.ts's to say (it needs every shape). */
  | { kind: 'marquee'; box: Box; base: string[] }

/**
 * One pointer step of a gesture, at `point` on the canvas and `screen` on the screen; `shift`
 * keeps a resized box's aspect ratio.
 */
export function stepOutcome(
  gesture: Gesture,
  point: Point,
  screen: { sx: number; sy: number },
  tool: Tool,
  shift = false,
): StepOutcome {
  switch (gesture.kind) {
    case 'pan':
      return {
        kind: 'camera',
        cam: {
          ...gesture.cam,
          x: gesture.cam.x - (screen.sx - gesture.sx) / gesture.cam.zoom,
          y: gesture.cam.y - (screen.sy - gesture.sy) / gesture.cam.zoom,
        },
      }
    case 'move': {
      const dx = point.x - gesture.start.x
      const dy = point.y - gesture.start.y
      return {
        kind: 'move',
        patches: [...gesture.origins].map(
          ([id, o]) => [id, { x: round(o.x + dx), y: round(o.y + dy) }] as const,
        ),
      }
    }
    case 'resize': {
      const delta = { x: point.x - gesture.start.x, y: point.y - gesture.start.y }
      return {
        kind: 'resize',
        patches: resizePatches(gesture.shapes, gesture.handle, delta, shift),
      }
    }
    case 'endpoint':
      return {
        kind: 'update',
        id: gesture.shape.id,
        patch: moveEndpoint(gesture.shape, gesture.which, point),
      }
    case 'rotate':
      return { kind: 'update', id: gesture.id, patch: { rotation: rotationTo(gesture.box, point) } }
    case 'marquee':
      return { kind: 'marquee', box: boxFrom(gesture.start, point), base: gesture.base }
    case 'draw':
      return {
        kind: 'draft',
        points: tool === 'freehand' ? [...gesture.points, point] : [gesture.start, point],
      }
  }
}

/** The shape a drawing gesture shows while it goes on (null for tools that do not draw). */
export function draftShape(tool: Tool, points: Point[], style: ShapeStyle): Shape | null {
  const start = points[0]
  const end = points.at(-1)
  if (!start || !end || tool === 'select' || tool === 'text' || tool === 'sticky') return null
  const base = { id: 'draft', z: '', rotation: 0, text: '', fontSize: 20, ...style }
  if (tool === 'rect' || tool === 'ellipse') {
    return { ...base, type: tool, ...boxFrom(start, end), points: [] }
  }
  return {
    ...base,
    type: tool,
    fill: 'none',
    ...normalisePoints(tool === 'freehand' ? points : [start, end]),
  }
}

/** The shape a finished drawing adds, or null when it is too small to be meant (a click). */
export function drawnShape(tool: Tool, points: Point[], style: ShapeStyle): ShapeInit | null {
  const shape = draftShape(tool, points, style)
  if (!shape || (shape.w < 2 && shape.h < 2)) return null
  const { id: _id, z: _z, ...init } = shape
  return init
}

/** A text or sticky note placed at `point` with the current style (notes default to yellow). */
export function textShape(
  tool: 'text' | 'sticky',
  text: string,
  point: Point,
  style: ShapeStyle,
): ShapeInit {
  const fontSize = tool === 'text' ? 20 : 16
  const size = tool === 'sticky' ? { w: 160, h: 120 } : textBox(text, fontSize)
  return {
    type: tool,
    x: point.x,
    y: point.y,
    ...size,
    text,
    fontSize,
    stroke: style.stroke,
    fill: tool === 'sticky' ? (style.fill !== 'none' ? style.fill : '#ffe066') : 'none',
    strokeWidth: style.strokeWidth,
  }
}

/** The change a text edit makes: a text box is re-sized to its text, a note keeps its size. */
export function textEdit(shape: Shape, text: string): ShapePatch {
  return shape.type === 'text' ? { text, ...textBox(text, shape.fontSize) } : { text }
}

/**
 * The document writes of a pointer drag, in one place: each step of a move, resize, rotation or
 * arrow-end drag, and what the drop adds (arrow bindings). CanvasView calls these; anything that
 * wants to know about drags in progress (e.g. publishing them live) hooks in here.
 */
import type { CanvasModel, Shape, ShapePatch } from '@weft/canvas-model'
import { bindingAt } from './arrowBinding.ts'
import type { Point } from './geometry.ts'
import type { Gesture, StepOutcome } from './gestures.ts'
import { DRAG_FIELDS } from './liveDrag.ts'

/**
 * Before shapes are moved or resized together (by a drag or a key): bound arrows among them are
 * fixed where they are drawn, and let go of the shapes that do not move with them (as in
 * tldraw); an arrow moved together with its shape stays bound.
 */
export function letGoOfStill(model: CanvasModel, moving: ReadonlySet<string>): void {
  const arrows = [...moving].filter((id) => {
    const s = model.get(id)
    return s?.startBinding || s?.endBinding
  })
  if (arrows.length) model.detach(arrows, (target) => !moving.has(target))
}

/** Writes one step of a drag (camera, marquee and drawing steps write nothing). */
export function writeDragStep(
  model: CanvasModel,
  gesture: Gesture,
  step: StepOutcome,
  /** Live drags (useLiveDrag.ts): the geometry is shown and published, written on release. */
  live?: (patches: (readonly [string, ShapePatch])[]) => void,
): void {
  if ((gesture.kind === 'move' || gesture.kind === 'resize') && !gesture.detached) {
    gesture.detached = true
    const ids = gesture.kind === 'move' ? gesture.origins.keys() : gesture.shapes.map((s) => s.id)
    letGoOfStill(model, new Set(ids))
  }
  if (gesture.kind === 'endpoint' && !gesture.detached) {
    // The dragged end follows the pointer, not its shape; the drop binds it again (finishDrag).
    gesture.detached = true
    model.bind(gesture.shape.id, gesture.which, null)
  }
  // Each step writes whole positions (the model stores x, y, w, h as one `box` value), so a
  // concurrent drag by someone else ends on their position or ours, never a mix.
  const patches: (readonly [string, ShapePatch])[] =
    step.kind === 'move' || step.kind === 'resize'
      ? step.patches
      : step.kind === 'update'
        ? [[step.id, step.patch]]
        : []
  if (patches.length === 0) return
  // Live drags carry geometry only; a step that changes anything else (a line end's points) is
  // written as before.
  if (live && patches.every(([, patch]) => onlyGeometry(patch))) live(patches)
  else model.updateMany(patches)
}

/**
 * What a drop adds: an arrow end dragged onto a shape binds to it, dragged off one it lets go.
 * `shapes` are the shapes as drawn, `at` where the pointer was released.
 */
export function finishDrag(
  model: CanvasModel,
  gesture: Gesture,
  at: Point,
  shapes: readonly Shape[],
): void {
  if (gesture.kind !== 'endpoint' || gesture.shape.type !== 'arrow') return
  model.bind(gesture.shape.id, gesture.which, bindingAt(shapes, at, gesture.shape.id))
}

/** The bindings of a newly drawn arrow from `start` to `end`: each end on the shape under it. */
export function bindNewArrow(
  model: CanvasModel,
  id: string,
  start: Point,
  end: Point,
  shapes: readonly Shape[],
): void {
  const s = bindingAt(shapes, start, id)
  const e = bindingAt(shapes, end, id)
  if (s) model.bind(id, 'start', s)
  if (e) model.bind(id, 'end', e)
}

function onlyGeometry(patch: ShapePatch): boolean {
  return Object.keys(patch).every((key) => (DRAG_FIELDS as readonly string[]).includes(key))
}

/**
 * Live drags: while someone moves, resizes or rotates shapes, the geometry they are dragging to
 * travels in their awareness state (`drag`), not in the document; everyone draws the shapes at
 * those positions over what the document holds. The document gets one write, on release.
 * Awareness is what others see of a connection only while it is open (the server drops a closed
 * connection's state), so a dropped connection or an Escape leaves the shapes where they are.
 */
import type { Shape, ShapePatch } from '@weft/canvas-model'

/** The fields a drag changes: a move writes x and y, a resize the box, a rotation the angle. */
export const DRAG_FIELDS = ['x', 'y', 'w', 'h', 'rotation'] as const
type DragField = (typeof DRAG_FIELDS)[number]

export type DragGeometry = Partial<Record<DragField, number>>
/** Shape id → where it is being dragged to. */
export type DragBoxes = Record<string, DragGeometry>

/** Shapes one drag may carry: what a selection of a large board can hold. */
const MAX_DRAGGED = 5_000

/**
 * The least time between two published drag states: none beyond a frame for up to 20 shapes,
 * then 0.1 ms per shape (5,000 shapes: twice a second), so a big selection's geometry (about 45
 * bytes a shape) stays well under the socket's byte rate (RATE_LIMIT_BYTES_PER_SECOND).
 */
export function publishGap(drag: DragBoxes): number {
  const count = Object.keys(drag).length
  return count <= 20 ? 0 : Math.min(500, count / 10)
}

/** The drag state after one more pointer step: its patches over what was dragged before. */
export function withPatches(
  drag: DragBoxes,
  patches: Iterable<readonly [string, ShapePatch]>,
): DragBoxes {
  const next = { ...drag }
  for (const [id, patch] of patches) {
    const geometry: DragGeometry = { ...next[id] }
    for (const f of DRAG_FIELDS) {
      const v = patch[f]
      if (typeof v === 'number') geometry[f] = v
    }
    next[id] = geometry
  }
  return next
}

/** The writes a release makes: one patch per dragged shape. */
export function dragPatches(drag: DragBoxes): [string, ShapePatch][] {
  return Object.entries(drag).map(([id, geometry]) => [id, { ...geometry }])
}

/**
 * Someone else's `drag` awareness field as usable geometry, or null. It comes from another
 * browser: anything that is not finite numbers under the known fields is left out, so a bad
 * state can never put NaN into the drawing.
 */
export function readDrag(value: unknown): DragBoxes | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const out: DragBoxes = {}
  let count = 0
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    if (count >= MAX_DRAGGED) break
    if (!raw || typeof raw !== 'object') continue
    const geometry: DragGeometry = {}
    for (const f of DRAG_FIELDS) {
      const v = (raw as Record<string, unknown>)[f]
      if (typeof v === 'number' && Number.isFinite(v)) geometry[f] = v
    }
    if (geometry.w !== undefined && geometry.w < 0) delete geometry.w
    if (geometry.h !== undefined && geometry.h < 0) delete geometry.h
    out[id] = geometry
    count += 1
  }
  return count > 0 ? out : null
}

/**
 * The shapes as they are shown: the document's, with every dragged shape at its drag geometry
 * (later drags over earlier ones; the local drag goes last). Without drags the same array comes
 * back, so nothing re-renders; with drags only the dragged shapes get new objects.
 */
export function overlayDrags(
  shapes: readonly Shape[],
  drags: readonly (DragBoxes | null)[],
): readonly Shape[] {
  const merged = new Map<string, DragGeometry>()
  for (const drag of drags) {
    if (!drag) continue
    for (const [id, geometry] of Object.entries(drag)) {
      merged.set(id, { ...merged.get(id), ...geometry })
    }
  }
  if (merged.size === 0) return shapes
  return shapes.map((s) => {
    const geometry = merged.get(s.id)
    return geometry ? { ...s, ...geometry } : s
  })
}

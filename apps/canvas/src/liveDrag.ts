/**
 * Live drags: while someone moves, resizes or rotates shapes, the geometry they are dragging to
 * travels in their awareness state (`drag`), not in the document; everyone draws the shapes at
 * those positions over what the document holds. The document gets one write, on release.
 * Awareness is what others see of a connection only while it is open (the server drops a closed
 * connection's state), so a dropped connection or an Escape leaves the shapes where they are.
 *
 * On release the state names the write it previews (`written`: the writer's Yjs client and its
 * clock after the write). A peer draws a released preview only until its own document holds
 * that write: from then on the document is what it shows, also when someone else's concurrent
 * write of the same shape won (0170).
 */
import type { CanvasModel, Shape, ShapePatch } from '@weft/canvas-model'
import * as Y from 'yjs'

/** The fields a drag changes: a move writes x and y, a resize the box, a rotation the angle. */
export const DRAG_FIELDS = ['x', 'y', 'w', 'h', 'rotation'] as const
type DragField = (typeof DRAG_FIELDS)[number]

export type DragGeometry = Partial<Record<DragField, number>>
/** Shape id → where it is being dragged to. */
export type DragBoxes = Record<string, DragGeometry>

/** A document write by one Yjs client: held by a document whose state for `client` reaches `clock`. */
export type WriteMark = { client: number; clock: number }

/**
 * The `drag` awareness field: the geometry, and once released, the write that holds it. A peer
 * reads it with readDrag and draws it with previewOf.
 */
export type DragState = { boxes: DragBoxes; written?: WriteMark }

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
 * A release: the dragged geometry written in one transaction, and the drag state to publish
 * with it, naming that write (this client and its clock after it). A release that changed
 * nothing names the clock already reached, which peers hold.
 */
export function writeRelease(model: CanvasModel, drag: DragBoxes): DragState {
  model.updateMany(dragPatches(drag))
  const { doc } = model
  return {
    boxes: drag,
    written: { client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) },
  }
}

/**
 * Someone else's `drag` awareness field as usable geometry, or null. It comes from another
 * browser: anything that is not finite numbers under the known fields is left out, so a bad
 * state can never put NaN into the drawing, and a `written` mark that is not two non-negative
 * integers is ignored (the preview then lasts until its owner clears it).
 */
export function readDrag(value: unknown): DragState | null {
  if (!isRecord(value)) return null
  const boxes = readBoxes(value.boxes)
  if (!boxes) return null
  const written = readMark(value.written)
  return written ? { boxes, written } : { boxes }
}

/**
 * What of a peer's drag is drawn: all of it while they drag; after their release only until this
 * document holds the write (`held(client)`: this document's Yjs state for that client, i.e.
 * `Y.getState`). Drawn past that, a released preview hid the document: when another user's
 * concurrent write of the same shape won, this screen showed the loser's position for as long
 * as the preview lingered, while the other user's screen showed the winner's.
 */
export function previewOf(
  drag: DragState | null,
  held: (client: number) => number,
): DragBoxes | null {
  if (!drag) return null
  const { written } = drag
  return written && held(written.client) >= written.clock ? null : drag.boxes
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

function readMark(value: unknown): WriteMark | null {
  if (!isRecord(value)) return null
  const { client, clock } = value
  const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0
  return count(client) && count(clock) ? { client, clock } : null
}

function readBoxes(value: unknown): DragBoxes | null {
  if (!isRecord(value)) return null
  const out: DragBoxes = {}
  let count = 0
  for (const [id, raw] of Object.entries(value)) {
    if (count >= MAX_DRAGGED) break
    if (!isRecord(raw)) continue
    const geometry: DragGeometry = {}
    for (const f of DRAG_FIELDS) {
      const v = raw[f]
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

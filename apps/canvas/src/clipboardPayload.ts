/**
 * The Weft clipboard payload for canvas shapes: what Ctrl/⌘+C puts on the system clipboard and
 * what Ctrl/⌘+V accepts, apart from the DOM. The payload is JSON under a custom MIME type, and
 * the same JSON as plain text for places that drop custom types (docs/decisions/0153). Whatever
 * is pasted is hostile: size and count are limited before and after parsing, and the shapes are
 * checked by the server's own validation on a scratch document before anything is added.
 */
import { CanvasModel, type Shape, validateCanvas } from '@weft/canvas-model'
import * as Y from 'yjs'

export const CLIPBOARD_MIME = 'application/x-weft-canvas+json'

/** What a paste accepts: a payload larger or with more shapes is ignored with a message. */
export const PASTE_LIMITS = {
  /** Characters of JSON (≈ bytes): well above 2,000 shapes with long pen strokes. */
  maxChars: 4_000_000,
  maxShapes: 2_000,
} as const

const KIND = 'weft.canvas.shapes'
const VERSION = 1

type Payload = { kind: typeof KIND; version: number; shapes: readonly unknown[] }

export function encodeClipboard(shapes: readonly Shape[]): string {
  return JSON.stringify({ kind: KIND, version: VERSION, shapes } satisfies Payload)
}

export type Decoded =
  /** Not a Weft payload at all (plain text, another app's data): someone else's to handle. */
  | { kind: 'foreign' }
  /** A Weft payload that cannot be used: ignored, and the user told why. */
  | { kind: 'refused'; reason: string }
  | { kind: 'shapes'; shapes: Shape[] }

/** The shapes a pasted text holds, checked as the server would check them. */
export function decodeClipboard(text: string): Decoded {
  if (!text.trimStart().startsWith('{') || !text.includes(KIND)) return { kind: 'foreign' }
  if (text.length > PASTE_LIMITS.maxChars) {
    return { kind: 'refused', reason: 'The pasted shapes are too large to paste' }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { kind: 'refused', reason: 'The pasted shapes are damaged' }
  }
  const p = parsed as Partial<Payload> | null
  if (!p || typeof p !== 'object' || p.kind !== KIND) return { kind: 'foreign' }
  if (p.version !== VERSION || !Array.isArray(p.shapes)) {
    return { kind: 'refused', reason: 'The pasted shapes come from another version of Weft' }
  }
  if (p.shapes.length > PASTE_LIMITS.maxShapes) {
    return { kind: 'refused', reason: `Pasting is limited to ${PASTE_LIMITS.maxShapes} shapes` }
  }
  if (!p.shapes.every((s) => s && typeof s === 'object' && !Array.isArray(s))) {
    return { kind: 'refused', reason: 'The pasted shapes are damaged' }
  }
  // Written to a scratch board through the model, then validated as the server validates.
  const scratch = new CanvasModel(new Y.Doc())
  try {
    scratch.addCopies(p.shapes.map(asShape))
    if (validateCanvas(scratch.doc).length > 0) {
      return { kind: 'refused', reason: 'The pasted shapes are damaged' }
    }
    return { kind: 'shapes', shapes: [...scratch.list()] }
  } catch {
    return { kind: 'refused', reason: 'The pasted shapes are damaged' }
  } finally {
    scratch.destroy()
    scratch.doc.destroy()
  }
}

/** Only the fields a shape has; anything else in the object is left behind. */
function asShape(v: unknown): Shape {
  const o = v as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const f of FIELDS) if (o[f] !== undefined) out[f] = o[f]
  if (typeof out.id !== 'string') out.id = ''
  return out as Shape
}

const FIELDS = [
  'id',
  'type',
  'x',
  'y',
  'w',
  'h',
  'rotation',
  'stroke',
  'fill',
  'strokeWidth',
  'points',
  'text',
  'fontSize',
  'group',
  'startBinding',
  'endBinding',
] as const

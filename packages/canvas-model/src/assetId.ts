import type * as Y from 'yjs'
import { CANVAS_ROOTS } from './CanvasModel.ts'

/**
 * An image shape's `asset`: the sha-256 of the image's bytes in lowercase hex, which is also its
 * id among the document's assets on the server (so the same image pasted twice is stored once,
 * and its address never changes meaning: it can be cached for good).
 */
const ASSET_ID = /^[0-9a-f]{64}$/

export function isAssetId(value: unknown): value is string {
  return typeof value === 'string' && ASSET_ID.test(value)
}

/**
 * The asset ids the given shapes of `doc` use (image shapes whose `asset` is well formed): what
 * the server checks exist for the document before it accepts a write that touched them.
 */
export function assetsUsed(doc: Y.Doc, ids: Iterable<string>): Set<string> {
  const shapes = doc.getMap<unknown>(CANVAS_ROOTS.shapes)
  const out = new Set<string>()
  for (const id of ids) {
    const m = shapes.get(id) as Y.Map<unknown> | undefined
    if (!m || typeof m.get !== 'function' || m.get('type') !== 'image') continue
    const asset = m.get('asset')
    if (isAssetId(asset)) out.add(asset)
  }
  return out
}

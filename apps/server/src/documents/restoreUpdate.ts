/**
 * The forward change that brings a document's content back to an earlier state: applied to the
 * live document it is an ordinary update (fanned out, logged, itself part of the history), never
 * a rewrite of the log.
 *
 * Yjs has no "revert to state", so the change is built with an UndoManager on a scratch
 * document: start from the earlier state, apply everything that happened since as one tracked
 * transaction, undo it. The undo deletes what was inserted since and re-inserts (as new items)
 * what was deleted since; the scratch document then holds what the live one holds plus that undo,
 * and the difference between the two is the change.
 */
import { DOCUMENT_META_ROOT } from '@weft/protocol'
import * as Y from 'yjs'
import { rootTypeOf } from './rootTypes.ts'

const SINCE = Symbol('changes since the restored version')

/** The update to apply to `current` so its content equals `target`'s (a full V1 state). */
export function restoreUpdate(current: Y.Doc, target: Uint8Array): Uint8Array {
  const scratch = new Y.Doc()
  try {
    Y.applyUpdate(scratch, target)
    // Every root either side knows must be typed and in the undo scope before the tracked
    // transaction, including roots created only after the target version.
    const scope: Y.AbstractType<unknown>[] = []
    for (const name of new Set([...current.share.keys(), ...scratch.share.keys()])) {
      // The title stays as it is now: restoring content does not rename the document.
      if (name === DOCUMENT_META_ROOT) continue
      const type = rootTypeOf(name, [current, scratch])
      if (type) scope.push(scratch.get(name, type) as Y.AbstractType<unknown>)
    }
    const undo = new Y.UndoManager(scope, {
      trackedOrigins: new Set([SINCE]),
      captureTimeout: 0,
    })
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current, Y.encodeStateVector(scratch)), SINCE)
    undo.undo()
    undo.destroy()
    return Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(current))
  } finally {
    scratch.destroy()
  }
}

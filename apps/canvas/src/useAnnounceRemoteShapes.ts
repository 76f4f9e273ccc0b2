import type { AwarenessUser } from '@weft/client'
import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'
import type { Transaction } from 'yjs'
import { describeShape } from './describeShape.ts'
import type { CanvasSession } from './useCanvas.ts'

/** Remote changes are summed over this long: a drag by someone else is one sentence, not fifty. */
const QUIET_MS = 700

/**
 * Shapes others add or delete, in the live region ("Bob added Rectangle, 120 by 80 at …",
 * "2 shapes deleted by others"). Only transactions from other clients count (`tr.local`
 * false), so this user's own drawing, undo and redo are never read back.
 */
export function useAnnounceRemoteShapes(
  canvas: CanvasSession | null,
  synced: boolean,
  remote: readonly AwarenessUser<unknown>[],
): void {
  // Who "others" are, for the sentence: a name when there is exactly one other person.
  const who = useRef('Someone')
  const names = [...new Set(remote.map((u) => u.user.name))]
  who.current = names.length === 1 && names[0] ? names[0] : 'Someone'
  useEffect(() => {
    // From the first full sync on: loading the drawing is not "someone added 40 shapes".
    if (!canvas || !synced) return
    const { model } = canvas
    const doc = model.shapes.doc
    if (!doc) return
    // Shape ids as last read out (or changed here); `pending`: ids others touched since.
    const known = new Set(model.list().map((s) => s.id))
    const pending = new Set<string>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = () => {
      timer = undefined
      const added = []
      let removed = 0
      for (const id of pending) {
        const shape = model.get(id)
        if (shape && !known.has(id)) {
          added.push(shape)
          known.add(id)
        } else if (!shape && known.has(id)) {
          removed += 1
          known.delete(id)
        }
      }
      pending.clear()
      const first = added[0]
      if (added.length === 1 && first) announce(`${who.current} added ${describeShape(first)}`)
      else if (added.length > 1) announce(`${who.current} added ${added.length} shapes`)
      if (removed === 1) announce(`${who.current} deleted a shape`)
      else if (removed > 1) announce(`${who.current} deleted ${removed} shapes`)
    }
    const onTransaction = (tr: Transaction) => {
      // The shapes map's own keys are shape ids: added, deleted or replaced in this transaction.
      let ids: Set<string | null> | undefined
      for (const [type, keys] of tr.changed) if ((type as unknown) === model.shapes) ids = keys
      if (!ids) return
      for (const id of ids) {
        if (id === null) continue
        if (!tr.local) pending.add(id)
        // This user's own changes move the baseline without being read out.
        else if (model.get(id)) known.add(id)
        else known.delete(id)
      }
      if (!tr.local) timer ??= setTimeout(settle, QUIET_MS)
    }
    doc.on('afterTransaction', onTransaction)
    return () => {
      doc.off('afterTransaction', onTransaction)
      if (timer) clearTimeout(timer)
    }
  }, [canvas, synced])
}

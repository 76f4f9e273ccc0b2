import type { HocuspocusProvider } from '@hocuspocus/provider'
import { CanvasModel } from '@weft/canvas-model'
import { useEffect, useMemo } from 'react'
import * as Y from 'yjs'
import { exposeCanvasDoc } from './debugHooks.ts'

export type CanvasSession = { model: CanvasModel; undo: Y.UndoManager }

/**
 * The canvas model over the provider's doc, writing with an origin unique to this client, and
 * an undo manager that tracks only that origin: undo never reverts someone else's edit.
 */
export function useCanvas(provider: HocuspocusProvider | null): CanvasSession | null {
  const session = useMemo(() => {
    if (!provider) return null
    const origin = { client: provider.document.clientID }
    const model = new CanvasModel(provider.document, origin)
    // One undo step per user action, however long it takes: every action starts its step with
    // `stopCapturing()`, and no timeout splits a slow drag into several steps (the default 500 ms
    // did, on a loaded machine, so Ctrl+Z took back only the end of a drag).
    const undo = new Y.UndoManager([model.shapes, model.meta, model.tiles], {
      trackedOrigins: new Set([origin]),
      captureTimeout: Number.POSITIVE_INFINITY,
    })
    return { model, undo }
  }, [provider])
  useEffect(() => {
    if (!session) return
    const hide = exposeCanvasDoc(session.model)
    return () => {
      hide()
      session.undo.destroy()
      session.model.destroy()
    }
  }, [session])
  return session
}

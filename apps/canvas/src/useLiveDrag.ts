import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { CanvasModel, ShapePatch } from '@weft/canvas-model'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  type DragBoxes,
  type DragState,
  publishGap,
  withPatches,
  writeRelease,
} from './liveDrag.ts'

/**
 * How long the released geometry stays in awareness after the write. A peer may get the
 * awareness change before the document update (they travel apart between nodes: the update
 * waits for its journal append), and must not see the shape jump back for that moment; it draws
 * the released preview only until it holds the write (previewOf), so this only bounds a write
 * that never arrives (refused by the server). Long enough for a loaded node's journal append.
 */
const RELEASE_LINGER_MS = 3_000

export interface LiveDrag {
  /** What this user is dragging now (drawn over the document), or null. */
  local: DragBoxes | null
  /** One pointer step: shown at once, published to others once per frame, nothing written. */
  step: (patches: Iterable<readonly [string, ShapePatch]>) => void
  /** The release: the document gets the dragged geometry in one write. */
  commit: () => void
  /** Escape or a cancelled pointer: nothing written, everyone sees the shapes where they are. */
  cancel: () => void
}

/** A drag of shapes shared live through awareness (liveDrag.ts), written once on release. */
export function useLiveDrag(
  model: CanvasModel | null,
  provider: HocuspocusProvider | null,
): LiveDrag {
  const [local, setLocal] = useState<DragBoxes | null>(null)
  const current = useRef<DragBoxes | null>(null)
  const linger = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const pending = useRef<{ frame: number; timer?: ReturnType<typeof setTimeout> } | null>(null)
  const lastSent = useRef(0)

  const stopPending = useCallback(() => {
    if (!pending.current) return
    cancelAnimationFrame(pending.current.frame)
    clearTimeout(pending.current.timer)
    pending.current = null
  }, [])

  /**
   * Sends the latest drag state at most once per frame, and further apart for big selections
   * (publishGap): whatever the pointer rate, others get the newest position soon after.
   */
  const publish = useCallback(() => {
    if (pending.current) return
    const send = () => {
      pending.current = null
      lastSent.current = performance.now()
      const boxes = current.current
      provider?.setAwarenessField('drag', boxes ? ({ boxes } satisfies DragState) : null)
    }
    const drag = current.current
    const wait = drag ? lastSent.current + publishGap(drag) - performance.now() : 0
    pending.current =
      wait > 0
        ? {
            frame: 0,
            timer: setTimeout(() => {
              if (pending.current) pending.current.frame = requestAnimationFrame(send)
            }, wait),
          }
        : { frame: requestAnimationFrame(send) }
  }, [provider])

  const step = useCallback(
    (patches: Iterable<readonly [string, ShapePatch]>) => {
      clearTimeout(linger.current)
      const next = withPatches(current.current ?? {}, patches)
      current.current = next
      setLocal(next)
      publish()
    },
    [publish],
  )

  const commit = useCallback(() => {
    const drag = current.current
    current.current = null
    setLocal(null)
    if (!drag) return
    stopPending()
    clearTimeout(linger.current)
    if (!model) {
      provider?.setAwarenessField('drag', null)
      return
    }
    // The state names the write, so that peers stop drawing the preview once they hold it.
    provider?.setAwarenessField('drag', writeRelease(model, drag))
    linger.current = setTimeout(() => provider?.setAwarenessField('drag', null), RELEASE_LINGER_MS)
  }, [model, provider, stopPending])

  const cancel = useCallback(() => {
    current.current = null
    setLocal(null)
    clearTimeout(linger.current)
    stopPending()
    provider?.setAwarenessField('drag', null)
  }, [provider, stopPending])

  useEffect(
    () => () => {
      stopPending()
      clearTimeout(linger.current)
    },
    [stopPending],
  )

  return useMemo(() => ({ local, step, commit, cancel }), [local, step, commit, cancel])
}

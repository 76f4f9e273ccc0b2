import { type RefObject, useEffect, useState } from 'react'
import { isDrawnMessage } from './previewReady.ts'

/** Calls `then` after `frames` animation frames of this page; returns a cancel function. */
function afterFrames(frames: number, then: () => void): () => void {
  let id = 0
  const step = (left: number) => {
    id = requestAnimationFrame(() => (left <= 1 ? then() : step(left - 1)))
  }
  step(frames)
  return () => cancelAnimationFrame(id)
}

/**
 * True once the frame's current page (`run`, its srcdoc) said it was drawn (previewReady.ts) and
 * two frames of this page passed since, so the screen shows it and a click there reaches it.
 * Only that frame's own window counts; a new page starts not ready.
 */
export function usePreviewReady(frame: RefObject<HTMLIFrameElement | null>, run: string): boolean {
  const [readyRun, setReadyRun] = useState<string | null>(null)
  useEffect(() => {
    let cancel: (() => void) | null = null
    const onMessage = (e: MessageEvent) => {
      if (!frame.current || e.source !== frame.current.contentWindow) return
      if (!isDrawnMessage(e.data) || cancel) return
      cancel = afterFrames(2, () => setReadyRun(run))
    }
    window.addEventListener('message', onMessage)
    return () => {
      window.removeEventListener('message', onMessage)
      cancel?.()
    }
  }, [frame, run])
  return run !== '' && readyRun === run
}

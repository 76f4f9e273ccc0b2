import type * as Y from 'yjs'

/** Runs a callback "soon", once per burst (the browser's next animation frame by default). */
export type FrameScheduler = {
  request: (callback: () => void) => number
  cancel: (handle: number) => void
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
}

/**
 * Calls `onChange` after transactions on the doc, at most once per frame, **and once right after
 * subscribing**. A view reads the doc when it renders and subscribes later (React runs effects
 * after the commit, possibly after other tasks such as a WebSocket message): whatever a
 * transaction changed in between — typically the server's first sync — must still reach the
 * view, or it shows the empty document it first read until the next edit. Returns the
 * unsubscribe function.
 */
export function watchDocVersion(
  doc: Y.Doc,
  onChange: () => void,
  frames: FrameScheduler = animationFrames,
): () => void {
  let frame = 0
  const bump = () => {
    if (frame) return
    frame = frames.request(() => {
      frame = 0
      onChange()
    })
  }
  doc.on('afterTransaction', bump)
  bump()
  return () => {
    doc.off('afterTransaction', bump)
    if (frame) frames.cancel(frame)
  }
}

import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * A number that changes after each transaction on the doc, batched to one
 * re-render per animation frame so a burst of remote updates (a pasted block,
 * a reconnect) costs one render, not hundreds.
 */
export function useDocVersion(doc: Y.Doc | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!doc) return
    let frame = 0
    const bump = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setVersion((v) => v + 1)
      })
    }
    doc.on('afterTransaction', bump)
    return () => {
      doc.off('afterTransaction', bump)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [doc])
  return version
}

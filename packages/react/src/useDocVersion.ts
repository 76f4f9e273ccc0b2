import { watchDocVersion } from '@weft/client'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * A number that changes after each transaction on the doc, batched to one re-render per
 * animation frame so a burst of remote updates (a pasted block, a reconnect) costs one render,
 * not hundreds. It also changes once on subscribing, so transactions that landed between the
 * render that read the doc and this effect are not missed (see watchDocVersion).
 */
export function useDocVersion(doc: Y.Doc | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!doc) return
    return watchDocVersion(doc, () => setVersion((v) => v + 1))
  }, [doc])
  return version
}

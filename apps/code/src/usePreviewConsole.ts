import { type RefObject, useEffect, useState } from 'react'
import { type ConsoleEntry, consoleEntry } from './previewConsole.ts'

/** Entries kept in the console panel; older ones scroll away (a loop logging forever). */
const MAX_ENTRIES = 200

/**
 * What the preview frame logged since its page was last rebuilt (`run` changes with it). Only
 * messages from that frame's own window count: any other page could post lookalikes.
 */
export function usePreviewConsole(
  frame: RefObject<HTMLIFrameElement | null>,
  run: string,
): [ConsoleEntry[], () => void] {
  const [entries, setEntries] = useState<ConsoleEntry[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new run starts a new console
  useEffect(() => {
    setEntries([])
    const onMessage = (e: MessageEvent) => {
      if (!frame.current || e.source !== frame.current.contentWindow) return
      const entry = consoleEntry(e.data)
      if (entry) setEntries((all) => [...all, entry].slice(-MAX_ENTRIES))
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [frame, run])
  return [entries, () => setEntries([])]
}

import { useState } from 'react'
import type { ConsoleEntry } from './previewConsole.ts'

/**
 * The page's first uncaught error, shown over the preview until dismissed; a new page (another
 * srcdoc) shows its own errors again.
 */
export function usePreviewErrors(entries: ConsoleEntry[], srcdoc: string) {
  const [dismissed, setDismissed] = useState<string | null>(null)
  const uncaught = entries.find((e) => e.level === 'uncaught')
  return {
    overlay: uncaught && dismissed !== srcdoc ? uncaught : null,
    dismiss: () => setDismissed(srcdoc),
  }
}

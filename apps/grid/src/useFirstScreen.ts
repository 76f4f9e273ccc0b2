import type { FirstScreen } from '@weft/grid-model'
import { useCallback, useEffect, useState } from 'react'

/**
 * The first screen main.tsx asked the node for (firstScreen.ts), and whether the WebSocket may
 * open: at once without one, else when it has come (painted) or failed. `pending` null: the page
 * asked for none (a new sheet).
 */
export function useFirstScreen(pending: Promise<FirstScreen | null> | null) {
  const [screen, setScreen] = useState<FirstScreen | null>(null)
  const [settled, setSettled] = useState(pending === null)
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    let live = true
    void pending?.then((answer) => {
      if (!live) return
      setScreen(answer)
      setSettled(true)
    })
    return () => {
      live = false
    }
  }, [pending])
  const onPainted = useCallback(() => setPainted(true), [])
  return { screen, connect: settled && (screen === null || painted), onPainted }
}

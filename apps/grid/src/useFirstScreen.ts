import type { FirstScreen } from '@weft/grid-model'
import { useCallback, useEffect, useState } from 'react'
import type { EarlyOpen } from './earlyOpen.ts'

/**
 * The first screen main.tsx asked the node for (earlyOpen.ts), and when the provider opened
 * beside it may apply what the node sent: once the first screen is painted, or at once when
 * there is none (the node could not answer). `early` null: a new sheet, nothing asked for.
 */
export function useFirstScreen(early: EarlyOpen | null) {
  const [screen, setScreen] = useState<FirstScreen | null>(null)
  useEffect(() => {
    let live = true
    void early?.firstScreen.then((answer) => {
      if (!live) return
      setScreen(answer)
      if (!answer) early.provider.release()
    })
    return () => {
      live = false
    }
  }, [early])
  const onPainted = useCallback(() => early?.provider.release(), [early])
  return { screen, onPainted }
}

import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useRef, useState } from 'react'
import { type PlacementRequest, TilePlacer } from './tilePlacer.ts'

/** One placer per provider, and the placements still waiting for the server (for display). */
export function useTilePlacer(provider: HocuspocusProvider | null) {
  const current = useRef<TilePlacer | null>(null)
  const [pending, setPending] = useState<PlacementRequest[]>([])
  useEffect(() => {
    if (!provider) return
    const placer = new TilePlacer({
      send: (payload) => provider.sendStateless(payload),
      onPending: setPending,
    })
    const onStateless = ({ payload }: { payload: string }) => placer.receive(payload)
    provider.on('stateless', onStateless)
    current.current = placer
    return () => {
      provider.off('stateless', onStateless)
      placer.destroy()
      if (current.current === placer) current.current = null
    }
  }, [provider])
  return { ref: current, pending }
}

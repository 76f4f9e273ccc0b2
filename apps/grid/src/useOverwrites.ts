import { type Overwrite, OverwriteWatcher } from '@weft/grid-model'
import { useCallback, useEffect, useState } from 'react'
import type { Grid } from './useGrid.ts'

export type OverwriteNotice = Overwrite & { key: number }

const SHOW_FOR_MS = 10_000

/** Notices for cells this user wrote moments ago that now hold someone else's value. */
export function useOverwrites(grid: Grid | null, userId: string) {
  const [items, setItems] = useState<OverwriteNotice[]>([])
  useEffect(() => {
    if (!grid) return
    let next = 0
    const watcher = new OverwriteWatcher(grid.model, {
      userId,
      onOverwrite: (o) => {
        const key = ++next
        setItems((list) => [...list.slice(-4), { ...o, key }])
        setTimeout(() => setItems((list) => list.filter((i) => i.key !== key)), SHOW_FOR_MS)
      },
    })
    return () => watcher.destroy()
  }, [grid, userId])
  const dismiss = useCallback((key: number) => setItems((l) => l.filter((i) => i.key !== key)), [])
  return { items, dismiss }
}

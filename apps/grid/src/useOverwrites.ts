import type { HocuspocusProvider } from '@hocuspocus/provider'
import { type Overwrite, OverwriteWatcher, splitCellKey } from '@weft/grid-model'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Grid } from './useGrid.ts'

export type OverwriteNotice = Overwrite & { key: number }

/**
 * Awareness field the loser of a same-cell race publishes. The winner's copy of the document may
 * hold no trace of the losing value (a write that lost before it was sent travels as a gap), so
 * the loser, who knows both, tells the winner this way.
 */
export type LostRace = {
  cell: string
  v: string
  name: string
  winnerBy: string
  /** GridModel.cellStamp of the winning write: the winner is told only while the cell holds it. */
  winnerStamp: string
}

type Peer = { clientId: number; isLocal: boolean; state: { lostRace?: LostRace | null } }

const SHOW_FOR_MS = 10_000

/** Notices of same-cell races and overwrites of this user's recent edits, on both sides. */
export function useOverwrites(
  grid: Grid | null,
  userId: string,
  provider: HocuspocusProvider | null,
  peers: readonly Peer[],
) {
  const [items, setItems] = useState<OverwriteNotice[]>([])
  const next = useRef(0)
  // Races already told, so one heard both from the document and from the loser is told once.
  const told = useRef(new Set<string>())

  const push = useCallback((o: Overwrite) => {
    const id = `${o.rowId}:${o.colId}|${o.kind}|${o.loser?.name ?? o.winner.name}|${o.loser?.v ?? o.winner.v}`
    if (told.current.has(id)) return
    told.current.add(id)
    const key = ++next.current
    setItems((list) => [...list.slice(-4), { ...o, key }])
    setTimeout(() => setItems((list) => list.filter((i) => i.key !== key)), SHOW_FOR_MS)
  }, [])

  useEffect(() => {
    if (!grid) return
    const watcher = new OverwriteWatcher(grid.model, {
      userId,
      onOverwrite: (o) => {
        push(o)
        if (o.kind === 'lost') {
          if (!provider) return
          const lostRace: LostRace = {
            cell: `${o.rowId}:${o.colId}`,
            v: o.mine,
            name: myName(provider),
            winnerBy: o.winner.by,
            winnerStamp: grid.model.cellStamp(o.rowId, o.colId),
          }
          provider.setAwarenessField('lostRace', lostRace)
        }
      },
    })
    return () => watcher.destroy()
  }, [grid, userId, provider, push])

  // The winner's side: a peer says it lost a race to a value of mine that the cell still holds.
  useEffect(() => {
    if (!grid) return
    for (const peer of peers) {
      const race = peer.state.lostRace
      if (peer.isLocal || !race || race.winnerBy !== userId) continue
      const [rowId, colId] = splitCellKey(race.cell)
      const entry = grid.model.getCell(rowId, colId)
      const held = grid.model.cellStamp(rowId, colId)
      if (!entry || entry.by !== userId || held === '' || held !== race.winnerStamp) continue
      push({
        rowId,
        colId,
        kind: 'kept',
        mine: entry.v,
        winner: entry,
        loser: { v: race.v, name: race.name, by: '' },
      })
    }
  }, [grid, peers, userId, push])

  const dismiss = useCallback((key: number) => setItems((l) => l.filter((i) => i.key !== key)), [])
  return { items, dismiss }
}

function myName(provider: HocuspocusProvider): string {
  const user = provider.awareness?.getLocalState()?.user as { name?: string } | undefined
  return user?.name ?? ''
}

import type { HocuspocusProvider } from '@hocuspocus/provider'
import { CanvasModel, type TileBoardConfig } from '@weft/canvas-model'
import { useDocSelector } from '@weft/react'
import { useCallback, useEffect, useMemo } from 'react'
import { exposeCanvasDoc } from './debugHooks.ts'

export type TileBoard = {
  /** Null until synced and until the server has set the board up. */
  board: TileBoardConfig | null
  /** Colour index by `row:col`. */
  tiles: Record<string, number>
}

/** The tile board and its tiles as the document holds them, re-read after each change. */
export function useTileBoard(provider: HocuspocusProvider | null, synced: boolean): TileBoard {
  const model = useMemo(() => (provider ? new CanvasModel(provider.document) : null), [provider])
  useEffect(() => (model ? exposeCanvasDoc(model) : undefined), [model])
  const doc = provider?.document ?? null
  const board = useDocSelector(
    doc,
    useCallback(() => (synced ? (model?.board ?? null) : null), [model, synced]),
  )
  const tiles = useDocSelector(
    doc,
    useCallback(
      () => (model ? (Object.fromEntries(model.tiles.entries()) as Record<string, number>) : {}),
      [model],
    ),
  )
  return { board, tiles }
}

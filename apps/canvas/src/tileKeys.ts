import type { TileBoardConfig } from '@weft/canvas-model'
import type { TileAt } from './tilePlacer.ts'

const STEPS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
}

export type TileKeyAction = { kind: 'hover'; at: TileAt } | { kind: 'place'; at: TileAt } | null

/**
 * The board's keys: arrows move the highlighted tile (the first arrow highlights the top-left
 * one), Enter or Space places on it; anything else is not the board's (null).
 */
export function tileKeyAction(
  key: string,
  hover: TileAt | null,
  board: Pick<TileBoardConfig, 'rows' | 'cols'>,
): TileKeyAction {
  const step = STEPS[key]
  if (step) {
    const at = hover ?? { row: 0, col: 0 }
    return {
      kind: 'hover',
      at: {
        row: Math.min(board.rows - 1, Math.max(0, at.row + (hover ? step[0] : 0))),
        col: Math.min(board.cols - 1, Math.max(0, at.col + (hover ? step[1] : 0))),
      },
    }
  }
  if ((key === 'Enter' || key === ' ') && hover) return { kind: 'place', at: hover }
  return null
}

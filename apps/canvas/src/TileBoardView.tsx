import type { TileBoardConfig } from '@weft/canvas-model'
import type { AwarenessUser } from '@weft/client'
import { announce } from '@weft/react'
import { type KeyboardEvent, type PointerEvent, useState } from 'react'
import { TileGrid } from './TileGrid.tsx'
import type { TileAwareness } from './tileAwareness.ts'
import { tileKeyAction } from './tileKeys.ts'
import type { PlacementRequest, TileAt } from './tilePlacer.ts'

type BoardProps = {
  board: TileBoardConfig
  tiles: Record<string, number>
  colour: number
  pending: PlacementRequest[]
  remote: AwarenessUser<TileAwareness>[]
  onPlace: (row: number, col: number) => void
  onHover: (at: TileAt | null) => void
}

/** The board as SVG: one unit per tile, scaled to fit; overlays for hover, pending and others. */
export function TileBoardView({
  board,
  tiles,
  colour,
  pending,
  remote,
  onPlace,
  onHover,
}: BoardProps) {
  const [hover, setHover] = useState<TileAt | null>(null)
  const tileAt = (e: PointerEvent<SVGSVGElement>): TileAt | null => {
    const el = (e.target as Element).closest('[data-tile]')
    if (!el) return null
    return { row: Number(el.getAttribute('data-row')), col: Number(el.getAttribute('data-col')) }
  }
  const hoverAt = (at: TileAt | null) => {
    if (at?.row === hover?.row && at?.col === hover?.col) return
    setHover(at)
    onHover(at)
  }
  const onMove = (e: PointerEvent<SVGSVGElement>) => hoverAt(tileAt(e))
  // Keyboard: arrows move the highlighted tile, Enter or Space places there (tileKeys.ts).
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const action = tileKeyAction(e.key, hover, board)
    if (!action) return
    if (action.kind === 'hover') {
      hoverAt(action.at)
      // The board is one SVG: where the highlight went is only known if it is said.
      const index = tiles[`${action.at.row}:${action.at.col}`]
      announce(
        `Row ${action.at.row + 1}, column ${action.at.col + 1}: ${index === undefined ? 'empty' : `colour ${index}`}`,
      )
    } else onPlace(action.at.row, action.at.col)
    e.preventDefault()
  }
  return (
    <div className="stage tile-stage">
      <p id="tile-keys" className="visually-hidden">
        Arrow keys move the highlighted tile, Enter or Space places the chosen colour there.
      </p>
      <svg
        data-testid="tile-board"
        role="application"
        aria-label={`Tile board, ${board.rows} × ${board.cols}`}
        aria-describedby="tile-keys"
        viewBox={`-0.5 -0.5 ${board.cols + 1} ${board.rows + 1}`}
        preserveAspectRatio="xMidYMid meet"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the board is one focusable control (role application)
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerMove={onMove}
        onPointerLeave={() => {
          setHover(null)
          onHover(null)
        }}
        onClick={(e) => {
          const at = tileAt(e as unknown as PointerEvent<SVGSVGElement>)
          if (at) onPlace(at.row, at.col)
        }}
      >
        <TileGrid board={board} tiles={tiles} />
        <g pointerEvents="none">
          {hover && (
            <rect
              data-testid="tile-hover"
              x={hover.col}
              y={hover.row}
              width={1}
              height={1}
              fill={board.palette[colour]}
              fillOpacity={0.6}
              stroke="#1a73e8"
              strokeWidth={0.08}
            />
          )}
          {pending.map((p) => (
            <rect
              key={p.requestId}
              className="tile-pending"
              data-testid="tile-pending"
              data-row={p.row}
              data-col={p.col}
              x={p.col + 0.15}
              y={p.row + 0.15}
              width={0.7}
              height={0.7}
              fill={board.palette[p.colour] ?? '#000'}
              stroke="#000"
              strokeWidth={0.06}
              strokeDasharray="0.15 0.1"
            />
          ))}
          {remote.map((u) => {
            const at = u.state.hover
            if (!at) return null
            return (
              <g key={u.clientId} data-testid="remote-tile-cursor" data-user={u.user.name}>
                <rect
                  x={at.col}
                  y={at.row}
                  width={1}
                  height={1}
                  fill="none"
                  stroke={u.user.color}
                  strokeWidth={0.12}
                />
                <text
                  x={at.col + 1.1}
                  y={at.row + 1.5}
                  fontSize={0.6}
                  fill={u.user.color}
                  fontFamily="system-ui, sans-serif"
                >
                  {u.user.name}
                </text>
              </g>
            )
          })}
        </g>
      </svg>
    </div>
  )
}

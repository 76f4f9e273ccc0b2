import type { TileBoardConfig } from '@weft/canvas-model'
import { memo } from 'react'

/** All tiles; re-renders only when the tiles change (not on hover, pending or presence). */
export const TileGrid = memo(function TileGrid({
  board,
  tiles,
}: {
  board: TileBoardConfig
  tiles: Record<string, number>
}) {
  const cells = []
  for (let row = 0; row < board.rows; row++) {
    for (let col = 0; col < board.cols; col++) {
      const key = `${row}:${col}`
      const index = tiles[key]
      cells.push(
        <rect
          key={key}
          data-tile={key}
          data-row={row}
          data-col={col}
          data-colour={index ?? ''}
          x={col}
          y={row}
          width={1}
          height={1}
          fill={index === undefined ? '#ffffff' : (board.palette[index] ?? '#ffffff')}
        />,
      )
    }
  }
  return (
    <g data-layer="tiles" shapeRendering="crispEdges">
      {cells}
      <path
        d={gridLines(board)}
        stroke="#dee2e6"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
        pointerEvents="none"
      />
    </g>
  )
})

/** Lines between tiles, one path (drawn one screen pixel wide at any size). */
function gridLines({ rows, cols }: TileBoardConfig): string {
  const d: string[] = []
  for (let r = 0; r <= rows; r++) d.push(`M0 ${r}H${cols}`)
  for (let c = 0; c <= cols; c++) d.push(`M${c} 0V${rows}`)
  return d.join('')
}

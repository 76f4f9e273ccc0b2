/**
 * Ctrl+Arrow as in every spreadsheet: from a filled cell whose neighbour is filled, to the last
 * filled cell of that run; otherwise to the next filled cell in that direction, or the sheet's
 * edge when there is none. `filled` reads a cell of the view by index.
 */
export function dataEdge(
  filled: (row: number, col: number) => boolean,
  size: { rows: number; cols: number },
  from: { row: number; col: number },
  dRow: number,
  dCol: number,
): { row: number; col: number } {
  const inside = (r: number, c: number) => r >= 0 && c >= 0 && r < size.rows && c < size.cols
  let r = from.row
  let c = from.col
  if (!inside(r + dRow, c + dCol)) return { row: r, col: c }
  if (filled(r, c) && filled(r + dRow, c + dCol)) {
    while (inside(r + dRow, c + dCol) && filled(r + dRow, c + dCol)) {
      r += dRow
      c += dCol
    }
    return { row: r, col: c }
  }
  r += dRow
  c += dCol
  while (!filled(r, c) && inside(r + dRow, c + dCol)) {
    r += dRow
    c += dCol
  }
  return { row: r, col: c }
}

/** Ctrl+End: the last row and last column holding data (each counted apart), A1 when empty. */
export function usedExtent(filledCells: Iterable<{ row: number; col: number }>): {
  row: number
  col: number
} {
  let row = 0
  let col = 0
  for (const cell of filledCells) {
    if (cell.row > row) row = cell.row
    if (cell.col > col) col = cell.col
  }
  return { row, col }
}

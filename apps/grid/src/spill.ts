// Horizontal padding of a cell (styles.css .cell), taken off the room the text may use.
const CELL_PADDING = 12
// A generous width per character of the 13 px UI font: text spills only as far as it may need.
// (A run over every empty cell to the row's end also made accessibility checks crawl.)
const CHAR_WIDTH = 9

/**
 * The room the text of cell `c` of a row has: its own width plus as many empty cells right of it
 * as its text may need (0 when it fits or the next cell is filled). `textAt` is the shown text of
 * the row's cell in column `c`.
 */
export function spillWidth(
  widths: readonly number[],
  c: number,
  textAt: (c: number) => string,
): number {
  const needed = textAt(c).length * CHAR_WIDTH + CELL_PADDING
  let width = widths[c] ?? 0
  let next = c + 1
  while (width < needed && next < widths.length && textAt(next) === '') {
    width += widths[next] ?? 0
    next++
  }
  return next === c + 1 ? 0 : width - CELL_PADDING
}

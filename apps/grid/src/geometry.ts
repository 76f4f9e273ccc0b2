export const ROW_HEIGHT = 28
export const HEADER_HEIGHT = 30
export const ROW_HEADER_WIDTH = 56
export const MIN_COLUMN_WIDTH = 40

/** Left edge of each column (relative to the first column) and the total width. */
export function columnOffsets(widths: readonly number[]): { lefts: number[]; total: number } {
  const lefts: number[] = []
  let x = 0
  for (const w of widths) {
    lefts.push(x)
    x += w
  }
  return { lefts, total: x }
}

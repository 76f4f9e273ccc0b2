import { MIN_COLUMN_WIDTH } from './geometry.ts'

/** A column's width while its edge is dragged from x0 to x, never below the minimum. */
export function resizedWidth(start: number, x0: number, x: number): number {
  return Math.max(MIN_COLUMN_WIDTH, Math.round(start + x - x0))
}

/** Widths on screen: a column being dragged shows its local width, the others the sheet's. */
export function columnWidths(
  colIds: readonly string[],
  dragging: Readonly<Record<string, number>>,
  stored: (colId: string) => number | undefined,
): number[] {
  return colIds.map((id) => dragging[id] ?? stored(id) ?? 120)
}

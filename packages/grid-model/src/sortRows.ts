import type { FormulaEvaluator } from './FormulaEvaluator.ts'
import type { GridModel } from './GridModel.ts'

/** Numbers before text, numerically; text in natural order (2 before 10). */
export function compareCellValues(a: unknown, b: unknown): number {
  const na = typeof a === 'number'
  const nb = typeof b === 'number'
  if (na && nb) return (a as number) - (b as number)
  if (na) return -1
  if (nb) return 1
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/**
 * The shared "sort range": the given rows (a contiguous run of the sheet) reordered by the
 * computed values of one column, for everyone, in one undo step. Empty cells stay last in either
 * direction; equal values keep their order. Only the sorted rows get new order keys, so rows
 * others insert around them at the same time keep their place, and cells are never rewritten.
 */
export function sortRows(
  model: GridModel,
  evaluator: FormulaEvaluator,
  rowIds: readonly string[],
  colId: string,
  desc: boolean,
): void {
  const value = (rowId: string) => {
    const r = evaluator.evaluate(rowId, colId)
    return r.error ?? r.value
  }
  const { rowIndex } = model.layout()
  const rows = [...rowIds]
    .filter((id) => rowIndex.has(id))
    .sort((a, b) => (rowIndex.get(a) ?? 0) - (rowIndex.get(b) ?? 0))
  const sorted = rows
    .map((id) => ({ id, v: value(id) }))
    .sort((a, b) => {
      const ea = a.v === null || a.v === ''
      const eb = b.v === null || b.v === ''
      if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1
      const c = compareCellValues(a.v, b.v)
      return desc ? -c : c
    })
    .map((r) => r.id)
  if (sorted.every((id, i) => id === rows[i])) return
  model.placeRows(sorted, rowIndex.get(rows[0] as string) ?? 0)
}

// The package ships no types; this covers the part FormulaEvaluator uses.
declare module 'hot-formula-parser' {
  export type CellCoord = { row: { index: number }; column: { index: number }; label: string }
  export class Parser {
    parse(formula: string): { error: string | null; result: unknown }
    setFunction(name: string, fn: (params: unknown[]) => unknown): Parser
    on(event: 'callCellValue', fn: (coord: CellCoord, done: (value: unknown) => void) => void): void
    on(
      event: 'callRangeValue',
      fn: (start: CellCoord, end: CellCoord, done: (value: unknown[][]) => void) => void,
    ): void
  }
}

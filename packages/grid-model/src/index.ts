export { cellAddress, columnIndex, columnLetter, parseAddress } from './a1.ts'
export type { AuthorRecord, StoredCell } from './cellCodec.ts'
export { authorKey, cellValue } from './cellCodec.ts'
export type {
  CellChange,
  ColumnChange,
  FormatChange,
  GridChange,
  SheetChange,
  StructureChange,
} from './describeUpdate.ts'
export { describeUpdate } from './describeUpdate.ts'
export { describeWorkbookUpdate } from './describeWorkbookUpdate.ts'
export type { CellResult, SheetEvaluators } from './FormulaEvaluator.ts'
export { FormulaEvaluator } from './FormulaEvaluator.ts'
export type { FirstScreen, ScreenCellKind } from './firstScreen.ts'
export { firstScreen, firstSheetId } from './firstScreen.ts'
export { isFormula, toDisplayFormula, toStoredFormula } from './formulaRefs.ts'
export { keyBetween, keysBetween } from './fractionalIndex.ts'
export type { CellWrite, GridModelOptions } from './GridModel.ts'
export {
  DEFAULT_COLUMN_WIDTH,
  GRID_TYPES,
  GridModel,
  MAIN_SHEET,
  sheetTypeName,
} from './GridModel.ts'
export type { ActivityItem, HistoryEntry, HistoryResponse } from './history.ts'
export { fromBase64, replayHistory, toBase64 } from './history.ts'
export { cellKey, newId, splitCellKey } from './ids.ts'
export {
  defaultDecimals,
  excelFormatCode,
  formatValue,
  fromExcelFormatCode,
  fromJsDate,
  hasDecimals,
  stepDecimals,
} from './numberFormat.ts'
export type { Overwrite, OverwriteWatcherOptions } from './OverwriteWatcher.ts'
export { OverwriteWatcher } from './OverwriteWatcher.ts'
export { MAX_SHEET_NAME, quoteSheetName, sheetNameProblem } from './sheetNames.ts'
export { shiftFormula } from './shiftFormula.ts'
export { compareCellValues, sortRows } from './sortRows.ts'
export { parseCsv, parseTsv, toCsv, toTsv } from './tsv.ts'
export type {
  Author,
  CellEntry,
  CellFormat,
  ColumnMeta,
  ColumnType,
  FormatKind,
  GridLayout,
  SheetDirectory,
} from './types.ts'
export type { SheetInfo } from './Workbook.ts'
export { SHEETS_TYPE, Workbook } from './Workbook.ts'

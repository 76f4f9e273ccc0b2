import {
  type Author,
  type CellFormat,
  type CellResult,
  cellKey,
  excelFormatCode,
  fromExcelFormatCode,
  isFormula,
  type SheetDirectory,
  splitCellKey,
  toDisplayFormula,
  toStoredFormula,
  type Workbook,
} from '@weft/grid-model'
import type * as ExcelTypes from 'exceljs'

/**
 * XLSX files, read and written with exceljs. The library (about 1 MB) is imported only when a
 * user exports or imports one, so it is a chunk of its own and the sheet's first load is as
 * small as before.
 */
async function excel(): Promise<typeof ExcelTypes> {
  // exceljs ships a UMD bundle for browsers: the bundler hands it over as `default`.
  const mod = (await import('exceljs')) as typeof ExcelTypes & { default?: typeof ExcelTypes }
  return mod.default ?? mod
}

/** A file that could not be read as a workbook; nothing of it was imported. */
export class XlsxImportError extends Error {}

/** One cell of an imported sheet: the text as a user would type it, and its number format. */
export type ImportedCell = { row: number; col: number; text: string; format: CellFormat | null }
export type ImportedSheet = { name: string; rows: number; cols: number; cells: ImportedCell[] }

const DAY_MS = 86_400_000
const EPOCH_MS = Date.UTC(1899, 11, 30)
/** Excel's limit on a sheet name's length. */
const EXCEL_NAME_MAX = 31
const PX_PER_WIDTH_UNIT = 7

/** Every sheet, in tab order: values, formulas (with their last results), formats, widths. */
export async function workbookToXlsx(book: Workbook): Promise<Uint8Array> {
  const ExcelJS = await excel()
  const file = new ExcelJS.Workbook()
  const used = new Set<string>()
  for (const sheet of book.sheets()) {
    const model = book.model(sheet.id)
    const evaluator = book.evaluator(sheet.id)
    const ws = file.addWorksheet(excelName(sheet.name, used))
    const layout = model.layout()
    layout.colIds.forEach((colId, c) => {
      const width = model.column(colId)?.width
      if (width) ws.getColumn(c + 1).width = Math.round((width / PX_PER_WIDTH_UNIT) * 10) / 10
    })
    // Through the model: cells held by row blocks (decision 0203) are exported too.
    const keys = new Set([...model.formats.keys()])
    for (const [rowId, colId] of model.filledCells()) keys.add(cellKey(rowId, colId))
    for (const key of keys) {
      const [rowId, colId] = splitCellKey(key)
      const r = layout.rowIndex.get(rowId)
      const c = layout.colIndex.get(colId)
      if (r === undefined || c === undefined) continue
      const raw = model.getValue(rowId, colId)
      const format = model.getFormat(rowId, colId)
      if (raw === '' && !format) continue
      const cell = ws.getCell(r + 1, c + 1)
      cell.value = cellValue(raw, evaluator.evaluate(rowId, colId), layout, format)
      const code = format ? excelFormatCode(format) : undefined
      if (code) cell.numFmt = code
    }
  }
  return new Uint8Array(await file.xlsx.writeBuffer())
}

function cellValue(
  raw: string,
  result: CellResult,
  layout: Parameters<typeof toDisplayFormula>[1],
  format: CellFormat | undefined,
): ExcelTypes.CellValue {
  if (raw === '') return null
  if (isFormula(raw)) {
    const formula = toDisplayFormula(raw, layout).slice(1)
    // An error result is left out: Excel computes it again on open.
    const value = result.error ? undefined : (result.value ?? undefined)
    return value === undefined ? { formula } : { formula, result: value }
  }
  if (raw.startsWith("'") || format?.kind === 'text') return raw.replace(/^'/, '')
  return typeof result.value === 'number' ? result.value : raw
}

/** Excel allows 31 characters and no two equal names (any case). */
function excelName(name: string, used: Set<string>): string {
  let base = name.slice(0, EXCEL_NAME_MAX)
  for (let n = 2; used.has(base.toLowerCase()); n++) {
    const suffix = ` (${n})`
    base = name.slice(0, EXCEL_NAME_MAX - suffix.length) + suffix
  }
  used.add(base.toLowerCase())
  return base
}

/** Reads every worksheet of an XLSX file, whole, before anything is written to the document. */
export async function readXlsx(bytes: ArrayBuffer): Promise<ImportedSheet[]> {
  const ExcelJS = await excel()
  const file = new ExcelJS.Workbook()
  try {
    await file.xlsx.load(bytes as unknown as Parameters<typeof file.xlsx.load>[0])
  } catch (e) {
    throw new XlsxImportError(
      `could not be read as an XLSX workbook (${e instanceof Error ? e.message : String(e)})`,
    )
  }
  const sheets: ImportedSheet[] = []
  file.eachSheet((ws) => {
    const cells: ImportedCell[] = []
    let rows = 0
    let cols = 0
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const text = cellText(cell)
        const format = fromExcelFormatCode(cell.numFmt)
        if (text === '' && !format) return
        cells.push({ row: rowNumber - 1, col: colNumber - 1, text, format })
        rows = Math.max(rows, rowNumber)
        cols = Math.max(cols, colNumber)
      })
    })
    sheets.push({ name: ws.name, rows, cols, cells })
  })
  if (sheets.length === 0) throw new XlsxImportError('holds no worksheet')
  return sheets
}

/** A cell as the text a user would type for it (a formula with `=`, a date as its serial). */
function cellText(cell: ExcelTypes.Cell): string {
  if (cell.formula) return `=${cell.formula}`
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return String((v.getTime() - EPOCH_MS) / DAY_MS)
  if (typeof v === 'string') return asTypedText(v)
  if ('richText' in v) return asTypedText(v.richText.map((part) => part.text).join(''))
  if ('text' in v && typeof v.text === 'string') return v.text
  if ('error' in v) return String(v.error)
  return String(cell.text ?? '')
}

/**
 * Text as a user would type it to keep it text: a leading `'` where it would otherwise read as a
 * formula or a number (`007` stays `007`, as the file has it).
 */
function asTypedText(v: string): string {
  const numeric = v.trim() !== '' && Number.isFinite(Number(v))
  return isFormula(v) || v.startsWith("'") || numeric ? `'${v}` : v
}

const MIN_ROWS = 100
const MIN_COLS = 26

/**
 * Writes imported sheets as new tabs (the first fills the document's only sheet when that one is
 * blank, so importing into a new document gives exactly the file's sheets). References between
 * the file's sheets are read against the file's names, even where a tab had to be renamed
 * because the document already had a sheet of that name. Returns the new tabs' ids.
 */
export function writeImportedSheets(
  book: Workbook,
  sheets: readonly ImportedSheet[],
  author: Author,
): string[] {
  const ids: string[] = []
  const tabs = book.sheets()
  const only = tabs.length === 1 ? tabs[0] : undefined
  const reuse = only && isBlank(book, only.id) ? only.id : null
  sheets.forEach((sheet, i) => {
    const rows = Math.max(sheet.rows, MIN_ROWS)
    const cols = Math.max(sheet.cols, MIN_COLS)
    if (i === 0 && reuse) {
      book.renameSheet(reuse, sheet.name)
      const model = book.model(reuse)
      const { rowIds, colIds } = model.layout()
      if (rowIds.length < rows) model.insertRows(rowIds.length, rows - rowIds.length)
      if (colIds.length < cols) model.insertColumns(colIds.length, cols - colIds.length)
      ids.push(reuse)
      return
    }
    ids.push(book.addSheet(freeName(book, sheet.name), rows, cols))
  })
  const byFileName = new Map(sheets.map((s, i) => [s.name.toLowerCase(), ids[i] as string]))
  const directory: SheetDirectory = {
    idOf: (name) => byFileName.get(name.toLowerCase()),
    nameOf: (id) => book.directory.nameOf(id),
    layoutOf: (id) => book.directory.layoutOf(id),
  }
  sheets.forEach((sheet, i) => {
    const model = book.model(ids[i] as string)
    const layout = { ...model.layout(), sheets: directory }
    const writes: Array<{ rowId: string; colId: string; value: string }> = []
    const formats: Array<{ rowId: string; colId: string; format: CellFormat }> = []
    for (const cell of sheet.cells) {
      const rowId = layout.rowIds[cell.row] as string
      const colId = layout.colIds[cell.col] as string
      if (cell.text !== '') writes.push({ rowId, colId, value: toStoredFormula(cell.text, layout) })
      if (cell.format) formats.push({ rowId, colId, format: cell.format })
    }
    book.doc.transact(() => {
      // A bulk write: the new sheet's rows hold nothing, so each becomes one row block.
      model.setRowsInBulk(writes, author)
      for (const f of formats) model.setFormats([f], f.format)
    }, book.origin)
  })
  return ids
}

function isBlank(book: Workbook, sheetId: string): boolean {
  // Through the model's reading of cells: a stored cell is compact text or a legacy object.
  return book.model(sheetId).filledCells().next().done === true
}

function freeName(book: Workbook, name: string): string {
  const taken = new Set(book.sheets().map((s) => s.name.toLowerCase()))
  let free = name
  for (let n = 2; taken.has(free.toLowerCase()); n++) free = `${name} (${n})`
  return free
}

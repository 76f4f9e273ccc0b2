import type { Identity } from '@weft/client'
import { parseCsv, type Workbook } from '@weft/grid-model'
import { announce } from '@weft/react'
import { useState } from 'react'
import { download, sheetCsv } from './csvFile.ts'
import { importBlock } from './editing.ts'
import type { Grid } from './grid.ts'
import { importMaxBytes, sizeProblem } from './importLimit.ts'

/** XLSX code and its library load on first use: the sheet's first load stays as small as before. */
const xlsxFile = () => import('./xlsxFile.ts')

type Props = {
  grid: Grid
  workbook: Workbook
  identity: Identity
  /** Where a CSV file lands: the selected cell, in sheet order (A1 with none). */
  top: number
  left: number
  /** The document's name, for exported files. */
  fileName: string
  readOnly: boolean
  /** Shows a sheet (the first one an XLSX import made). */
  onOpenSheet: (sheetId: string) => void
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Export and import: CSV for the sheet shown (its values as shown, as Sheets' "Download → CSV"),
 * XLSX for every sheet. An import is checked whole (size first, GRID_IMPORT_MAX_BYTES, then
 * the content) before anything is written, so a refused file leaves the document as it was.
 */
export function FileTools(props: Props) {
  const { grid, workbook } = props
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const author = { id: props.identity.id, name: props.identity.name }

  const refuse = (message: string) => {
    setProblem(message)
    announce(message)
  }

  const importFile = async (file: File, kind: 'csv' | 'xlsx') => {
    setProblem(null)
    const tooBig = sizeProblem(file, importMaxBytes())
    if (tooBig) return refuse(tooBig)
    setBusy(true)
    try {
      const bytes = await file.arrayBuffer()
      if (kind === 'csv') {
        const text = csvText(bytes)
        if (text === null) {
          return refuse(`${file.name} is not a CSV text file (UTF-8). Nothing was imported.`)
        }
        importBlock(grid.model, author, grid.model.layout(), props.top, props.left, parseCsv(text))
        announce(`${file.name} imported`)
        return
      }
      const { readXlsx, writeImportedSheets, XlsxImportError } = await xlsxFile()
      let sheets: Awaited<ReturnType<typeof readXlsx>>
      try {
        sheets = await readXlsx(bytes)
      } catch (e) {
        if (e instanceof XlsxImportError) {
          return refuse(`${file.name} ${e.message}. Nothing was imported.`)
        }
        throw e
      }
      const ids = writeImportedSheets(workbook, sheets, author)
      if (ids[0]) props.onOpenSheet(ids[0])
      announce(`${file.name} imported: ${sheets.length} sheet${sheets.length === 1 ? '' : 's'}`)
    } finally {
      setBusy(false)
    }
  }

  const fileInput = (kind: 'csv' | 'xlsx', label: string, accept: string, title: string) => (
    <label className="file-button" title={title}>
      {label}
      <input
        type="file"
        accept={accept}
        data-testid={`import-${kind}`}
        className="visually-hidden"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void importFile(file, kind)
        }}
      />
    </label>
  )

  return (
    <fieldset aria-label="File" className="tool-group">
      <button
        type="button"
        onClick={() =>
          download(`${props.fileName}.csv`, sheetCsv(grid.model, grid.evaluator), 'text/csv')
        }
        title="Download this sheet's values, as shown, as a CSV file"
      >
        Export CSV
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          try {
            const { workbookToXlsx } = await xlsxFile()
            download(`${props.fileName}.xlsx`, await workbookToXlsx(workbook), XLSX_TYPE)
          } finally {
            setBusy(false)
          }
        }}
        title="Download every sheet (values, formulas, formats) as an Excel file"
      >
        Export XLSX
      </button>
      {!props.readOnly && (
        <>
          {fileInput(
            'csv',
            'Import CSV',
            '.csv,text/csv',
            "Put a CSV file's cells at the selected cell",
          )}
          {fileInput('xlsx', 'Import XLSX', `.xlsx,${XLSX_TYPE}`, "Add an Excel file's sheets")}
        </>
      )}
      {problem && (
        <span className="import-problem" role="alert" data-testid="import-problem">
          {problem}{' '}
          <button type="button" onClick={() => setProblem(null)} aria-label="Dismiss">
            ×
          </button>
        </span>
      )}
    </fieldset>
  )
}

/** The file as text, or null when it is not UTF-8 text (a binary file picked by mistake). */
function csvText(bytes: ArrayBuffer): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return text.includes('\0') ? null : text
  } catch {
    return null
  }
}

/**
 * What rendering a row reads from the formula evaluator (each cell's result and shown text, a
 * text's spill over its neighbours, each SUM's 25 cells), over the benchmark's 10,000 × 26 sheet
 * (seedSheet.ts's content, as row blocks), in Node: a first read of every row and a read of rows
 * already read, in ms of CPU (this process's user + system time, so it moves little with the
 * machine's load) per 31 rows, a flick frame's worth.
 *
 *   node apps/grid/perf/rowReads.ts
 */
import { type CellWrite, FormulaEvaluator, GridModel, toStoredFormula } from '@weft/grid-model'
import * as Y from 'yjs'
import { spillWidth } from '../src/spill.ts'

const ROWS = 10_000
const COLS = 26
const PER_FRAME = 31

const seeded = new GridModel(new Y.Doc())
seeded.initialize(ROWS, COLS)
const layout = seeded.layout()
const { rowIds, colIds } = layout
const bulk: CellWrite[] = []
rowIds.forEach((rowId, r) => {
  for (let c = 0; c < COLS - 1; c++)
    bulk.push({ rowId, colId: colIds[c] as string, value: String(r * c) })
  const sum = toStoredFormula(`=SUM(A${r + 1}:Y${r + 1})`, layout)
  bulk.push({ rowId, colId: colIds[COLS - 1] as string, value: sum })
})
seeded.setRowsInBulk(bulk, { id: 'u-perf0001', name: 'Perf seeder' })

// The document as a browser has it after its sync: applied, nothing read yet.
const doc = new Y.Doc()
Y.applyUpdate(doc, Y.encodeStateAsUpdate(seeded.doc))
const evaluator = new FormulaEvaluator(new GridModel(doc))
const widths = colIds.map(() => 120)

function readRow(rowId: string): number {
  const texts = colIds.map((colId) => evaluator.display(rowId, colId))
  let n = 0
  colIds.forEach((colId, c) => {
    const result = evaluator.evaluate(rowId, colId)
    const text = texts[c] as string
    const plain = !result.error && typeof result.value !== 'number'
    n += plain && text !== '' ? spillWidth(widths, c, (i) => texts[i] as string) : text.length
  })
  return n
}

function cpuMsPerFrame(): number {
  const start = process.cpuUsage()
  for (const rowId of rowIds) readRow(rowId)
  const used = process.cpuUsage(start)
  return Math.round(((used.user + used.system) / 1000 / ROWS) * PER_FRAME * 100) / 100
}

const first = cpuMsPerFrame()
const again = cpuMsPerFrame()
console.log(
  JSON.stringify({ rows: ROWS, cols: COLS, firstReadMsPer31Rows: first, againMsPer31Rows: again }),
)

/**
 * What applying a 10,000 × 26 sheet's state costs, stored per cell and as row blocks (decision
 * 0203): the state's size, its Yjs items, and the CPU time and heap of one `Y.applyUpdate` in
 * Node, the two layouts alternated so both see the same load. CPU time (not wall time) and item
 * counts hold on a loaded machine; the apply is what the browser does with the first sync.
 *
 *   node --expose-gc apps/grid/perf/applyCost.ts [--rows 10000] [--runs 5]
 *
 * Prints one JSON object.
 */
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { type CellWrite, GridModel, toStoredFormula } from '@weft/grid-model'
import * as Y from 'yjs'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
  },
})
const rows = Number(values.rows)
const runs = Number(values.runs)
const COLS = 26
const author = { id: 'u-perf0001', name: 'Perf seeder' }
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

/** The harness's sheet (seedSheet.ts): numbers in A:Y, `=SUM(A:Y)` of its row in Z. */
function state(layout: 'cells' | 'blocks'): Uint8Array {
  const doc = new Y.Doc()
  const model = new GridModel(doc)
  model.initialize(rows, COLS)
  const { rowIds, colIds } = model.layout()
  const writes: CellWrite[] = []
  rowIds.forEach((rowId, r) => {
    for (let c = 0; c < COLS - 1; c++)
      writes.push({ rowId, colId: colIds[c] as string, value: String(r * c) })
    const sum = toStoredFormula(`=SUM(A${r + 1}:Y${r + 1})`, model.layout())
    writes.push({ rowId, colId: colIds[COLS - 1] as string, value: sum })
  })
  if (layout === 'blocks') model.setRowsInBulk(writes, author)
  else model.setCells(writes, author)
  return Y.encodeStateAsUpdate(doc)
}

function items(doc: Y.Doc): number {
  let n = 0
  for (const structs of doc.store.clients.values()) n += structs.length
  return n
}

/** One apply into a fresh document, and a read of every cell through the model. */
function apply(update: Uint8Array) {
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const cpu = process.cpuUsage()
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  const applied = process.cpuUsage(cpu)
  gc()
  const heap = process.memoryUsage().heapUsed - heapBefore
  // What the first screen reads: the top 40 rows through the model.
  const readCpu = process.cpuUsage()
  const model = new GridModel(doc)
  const { rowIds, colIds } = model.layout()
  let filled = 0
  for (const rowId of rowIds.slice(0, 40))
    for (const colId of colIds) if (model.getValue(rowId, colId) !== '') filled++
  const read = process.cpuUsage(readCpu)
  const ms = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 100) / 10
  return {
    applyCpuMs: ms(applied),
    firstScreenReadCpuMs: ms(read),
    heapMB: Math.round(heap / 1e5) / 10,
    items: items(doc),
    filled,
  }
}

const load = () => loadavg().map((l) => Math.round(l * 100) / 100)
const loadBefore = load()
const cells = state('cells')
const blocks = state('blocks')
const results: Record<'cells' | 'blocks', ReturnType<typeof apply>[]> = { cells: [], blocks: [] }
for (let run = 0; run < runs; run++) {
  results.cells.push(apply(cells))
  results.blocks.push(apply(blocks))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const summary = (list: ReturnType<typeof apply>[]) => ({
  applyCpuMs: list.map((r) => r.applyCpuMs),
  applyCpuMsMedian: median(list.map((r) => r.applyCpuMs)),
  firstScreenReadCpuMs: median(list.map((r) => r.firstScreenReadCpuMs)),
  heapMB: median(list.map((r) => r.heapMB)),
  items: list[0]?.items,
  filledInFirst40Rows: list[0]?.filled,
})
console.log(
  JSON.stringify(
    {
      rows,
      runs,
      bytes: { cells: cells.byteLength, blocks: blocks.byteLength },
      cells: summary(results.cells),
      blocks: summary(results.blocks),
      load: { before: loadBefore, after: load() },
    },
    null,
    2,
  ),
)

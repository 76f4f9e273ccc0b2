/**
 * Seeds a sheet through a real provider, as a user's import would reach the node: `rows` × 26
 * columns, numbers in A:Y and `=SUM(A:Y)` of its row in Z. `blocks` (the default) writes through
 * the bulk path an import takes, one row block per row (decision 0203); `compact` writes every
 * cell as its own entry, as before; `legacy` writes every cell in the form clients wrote before
 * decision 0135 (the author object per cell), to compare the encodings on the same code.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { devToken } from '@weft/client'
import { type CellWrite, GridModel, toStoredFormula } from '@weft/grid-model'
import * as Y from 'yjs'

export const COLS = 26
const author = { id: 'u-perf0001', name: 'Perf seeder' }

export type Encoding = 'blocks' | 'compact' | 'legacy'

export async function seedSheet(
  base: string,
  id: string,
  rows: number,
  encoding: Encoding,
): Promise<number> {
  const doc = new Y.Doc()
  const provider = new HocuspocusProvider({
    url: `${base.replace(/^http/, 'ws')}/collab`,
    name: `grid:${id}`,
    document: doc,
    token: devToken(author),
  })
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()))
  const model = new GridModel(doc)
  model.initialize(rows, COLS)
  const layout = model.layout()
  const { rowIds, colIds } = layout
  const write = (rowId: string, colId: string, value: string) => {
    if (encoding === 'legacy') {
      model.cells.set(`${rowId}:${colId}`, {
        v: value,
        by: author.id,
        name: author.name,
        at: Date.now(),
      })
    } else model.setCell(rowId, colId, value, author)
  }
  for (let start = 0; start < rows; start += 1000) {
    const bulk: CellWrite[] = []
    doc.transact(() => {
      for (let r = start; r < Math.min(rows, start + 1000); r++) {
        const rowId = rowIds[r] as string
        const put = (colId: string, value: string) =>
          encoding === 'blocks' ? bulk.push({ rowId, colId, value }) : write(rowId, colId, value)
        for (let c = 0; c < COLS - 1; c++) put(colIds[c] as string, String(r * c))
        put(colIds[COLS - 1] as string, toStoredFormula(`=SUM(A${r + 1}:Y${r + 1})`, layout))
      }
      model.setRowsInBulk(bulk, author)
    }, model.origin)
  }
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  await new Promise<void>((resolve) => {
    const check = () => (provider.unsyncedChanges === 0 ? resolve() : setTimeout(check, 100))
    check()
  })
  provider.destroy()
  doc.destroy()
  return bytes
}

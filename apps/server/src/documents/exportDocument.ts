/**
 * The JSON form of a document, read through the apps' own models so it is what a user sees: a
 * grid as columns and rows of cell values in display order, a code project as its files (paths
 * and contents, read from the per-file documents), a canvas as its shapes (and tile board).
 */
import { CanvasModel } from '@weft/canvas-model'
import { fileDocName, fileText, languageOf, ProjectModel } from '@weft/code-model'
import { type GridModel, Workbook } from '@weft/grid-model'
import { parseDocumentName } from '@weft/protocol'
import * as Y from 'yjs'

/** Reads a document's full state (V1); empty when it has none. */
export type StateReader = (documentName: string) => Promise<Uint8Array>

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

export async function exportJson(documentName: string, read: StateReader): Promise<unknown> {
  const parsed = parseDocumentName(documentName)
  if (!parsed) throw new Error(`not a document name: ${documentName}`)
  const doc = docOf(await read(documentName))
  try {
    if (parsed.kind === 'grid') return { name: documentName, kind: 'grid', ...gridJson(doc) }
    if (parsed.kind === 'canvas') {
      const canvas = new CanvasModel(doc)
      try {
        return { name: documentName, kind: 'canvas', ...canvas.snapshot() }
      } finally {
        canvas.destroy()
      }
    }
    if (parsed.subId) {
      return { name: documentName, kind: 'code-file', content: fileText(doc).toString() }
    }
    return { name: documentName, kind: 'code', ...(await projectJson(parsed.id, doc, read)) }
  } finally {
    doc.destroy()
  }
}

/**
 * The first sheet's columns and rows at the top level, as before sheets existed (readers of the
 * old shape keep working), and every sheet in tab order under `sheets`.
 */
function gridJson(doc: Y.Doc) {
  const book = new Workbook(doc)
  const sheets = book
    .sheets()
    .map((s) => ({ id: s.id, name: s.name, ...sheetJson(book.model(s.id)) }))
  const [first] = sheets
  return { columns: first?.columns ?? [], rows: first?.rows ?? [], sheets }
}

function sheetJson(grid: GridModel) {
  const { rowIds, colIds } = grid.layout()
  return {
    columns: colIds.map((id) => grid.column(id)),
    rows: rowIds.map((id) => ({ id, cells: colIds.map((col) => grid.getValue(id, col)) })),
  }
}

async function projectJson(projectId: string, doc: Y.Doc, read: StateReader) {
  const project = new ProjectModel(doc)
  const tree = project.tree()
  const files = []
  for (const file of tree.files) {
    const fileDoc = docOf(await read(fileDocName(projectId, file.id)))
    try {
      // A file nobody has opened yet has no document: its content is still its template seed.
      const empty = fileDoc.store.clients.size === 0
      files.push({
        id: file.id,
        path: file.path,
        language: languageOf(file.name),
        content: empty ? (file.seed ?? '') : fileText(fileDoc).toString(),
      })
    } finally {
      fileDoc.destroy()
    }
  }
  const folders = [...tree.nodes.values()]
    .filter((node) => node.kind === 'folder')
    .map((node) => node.path)
  return { meta: project.readMeta(), folders, files }
}

/**
 * GET /api/documents/grid:<id>/first-screen?rows=&cols=: the top left of a sheet's first tab as
 * the Grid app shows it (decision 0195). The app asks for it before it opens its WebSocket and
 * paints it while the full state (260,000 Yjs items for a 10,000-row sheet) is still on its
 * way; answering also loads the document on this node, so the socket that follows finds it warm.
 */
import { type FirstScreen, firstScreen, Workbook } from '@weft/grid-model'
import { parseDocumentName } from '@weft/protocol'
import type * as Y from 'yjs'
import type { ConnectionUser } from '../context.ts'
import { ApiError } from './apiResponse.ts'
import type { LiveDocuments } from './LiveDocuments.ts'

/** Rows and columns a first screen of a full-HD window shows (28 px rows, 120 px columns). */
const DEFAULT_ROWS = 40
const DEFAULT_COLS = 26

// One reading model per live document: its observers live as long as the document, and the
// evaluator's results stay cached (and are forgotten on each change) between requests.
const workbooks = new WeakMap<Y.Doc, Workbook>()

function workbookOf(doc: Y.Doc): Workbook {
  let book = workbooks.get(doc)
  if (!book) {
    book = new Workbook(doc)
    workbooks.set(doc, book)
  }
  return book
}

function count(raw: string | null, fallback: number, label: string, maxCells: number): number {
  if (raw === null) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > maxCells)
    throw new ApiError(400, `${label} must be an integer from 1 to ${maxCells}`)
  return value
}

/** The first screen asked for by `query`, or an ApiError (400) naming what is wrong. */
export async function gridFirstScreen(
  live: LiveDocuments,
  name: string,
  query: URLSearchParams,
  user: ConnectionUser,
  /** GRID_FIRST_SCREEN_MAX_CELLS */
  maxCells: number,
): Promise<FirstScreen> {
  if (parseDocumentName(name)?.kind !== 'grid')
    throw new ApiError(400, 'only a grid document has a first screen')
  const rows = count(query.get('rows'), DEFAULT_ROWS, 'rows', maxCells)
  const cols = count(query.get('cols'), DEFAULT_COLS, 'cols', maxCells)
  if (rows * cols > maxCells)
    throw new ApiError(
      400,
      `rows × cols must be at most ${maxCells} cells (GRID_FIRST_SCREEN_MAX_CELLS)`,
    )
  return live.read(name, user, (doc) => firstScreen(workbookOf(doc), rows, cols))
}

/**
 * GET /api/documents/grid:<id>/first-screen?rows=&cols=: the top left of a sheet's first tab as
 * the Grid app shows it (decision 0195). The app asks for it before it opens its WebSocket and
 * paints it while the full state (260,000 Yjs items for a 10,000-row sheet) is still on its
 * way. From the live document when this node holds it (fresh); else from the copy the holding
 * node stored at its last save (FirstScreenStore: at most one save interval old); else by loading
 * the document, which the socket that follows then finds warm.
 */
import { type FirstScreen, firstScreen } from '@weft/grid-model'
import { parseDocumentName } from '@weft/protocol'
import type { ConnectionUser } from '../context.ts'
import { ApiError } from './apiResponse.ts'
import type { FirstScreenStore } from './FirstScreenStore.ts'
import { workbookOf } from './gridWorkbooks.ts'
import type { LiveDocuments } from './LiveDocuments.ts'

/** Rows and columns a first screen of a full-HD window shows (28 px rows, 120 px columns). */
const DEFAULT_ROWS = 40
const DEFAULT_COLS = 26

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
  stored: FirstScreenStore,
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
  // Not loaded here: the stored screen answers at once. Loading the document now would block
  // this node for its parse (the page's other requests too) before the page could paint; the
  // WebSocket the page opens after painting loads it.
  if (!live.isLoaded(name)) {
    const saved = await stored.read(name, rows, cols)
    if (saved) return saved
  }
  return live.read(name, user, (doc) => firstScreen(workbookOf(doc), rows, cols))
}

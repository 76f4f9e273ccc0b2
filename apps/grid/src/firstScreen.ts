/**
 * The sheet's first screen, asked of the node before anything else (decision 0195): a few
 * kilobytes of shown cell text that the app paints while the full Yjs state (megabytes for a
 * large sheet, seconds of parsing) is still on its way. Asked for from main.tsx, before React
 * mounts, alongside the documents API check.
 */
import { loadIdentity, resolveToken } from '@weft/client'
import type { FirstScreen } from '@weft/grid-model'
import { MIN_COLUMN_WIDTH, ROW_HEADER_WIDTH, ROW_HEIGHT } from './geometry.ts'

/** The node's GRID_FIRST_SCREEN_MAX_CELLS default: a larger window asks for its top left only. */
const MAX_CELLS = 5_000
/**
 * A node that cannot answer by then (a huge sheet's cold load on a busy node) is not waited for:
 * the WebSocket opens and the sheet appears when it has synced, as without a first screen.
 */
const WAIT_MS = 8_000

/** Rows and columns that fill a window of this size at the narrowest column width. */
export function screenSize(width: number, height: number): { rows: number; cols: number } {
  const rows = Math.max(1, Math.ceil(height / ROW_HEIGHT))
  const cols = Math.max(1, Math.ceil((width - ROW_HEADER_WIDTH) / MIN_COLUMN_WIDTH))
  return {
    rows: Math.min(rows, Math.floor(MAX_CELLS / Math.min(cols, MAX_CELLS))),
    cols: Math.min(cols, MAX_CELLS),
  }
}

/** The first screen of `documentName`, or null when the node could not give it (no error shown). */
export async function loadFirstScreen(documentName: string): Promise<FirstScreen | null> {
  const token = resolveToken(
    location.search,
    localStorage,
    loadIdentity(localStorage),
    undefined,
    documentName,
  )
  const { rows, cols } = screenSize(window.innerWidth, window.innerHeight)
  try {
    const response = await fetch(
      `/api/documents/${encodeURIComponent(documentName)}/first-screen?rows=${rows}&cols=${cols}`,
      { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(WAIT_MS) },
    )
    return response.ok ? ((await response.json()) as FirstScreen) : null
  } catch {
    return null
  }
}

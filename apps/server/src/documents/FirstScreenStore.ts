/**
 * Keeps each grid's first screen in Postgres (decision 0195): at every save of a grid document
 * (Hocuspocus's debounced store) the node computes its first screen and writes it when it
 * changed, so a node that has not loaded the sheet answers GET …/first-screen from one row
 * instead of loading and parsing the whole document first (seconds for 10,000 rows).
 */
import type { Extension, onStoreDocumentPayload } from '@hocuspocus/server'
import { type PrismaClient, readFirstScreen, saveFirstScreen } from '@weft/db'
import { type FirstScreen, firstScreen } from '@weft/grid-model'
import { parseDocumentName } from '@weft/protocol'
import type * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { workbookOf } from './gridWorkbooks.ts'

/** The size stored, within GRID_FIRST_SCREEN_MAX_CELLS: a large window's rows and columns. */
const STORED_ROWS = 60
const STORED_COLS = 40

export class FirstScreenStore implements Extension {
  readonly #prisma: PrismaClient
  readonly #logger: Logger
  readonly #rows: number
  readonly #cols: number
  /** What was last written for each live document, so an unchanged screen is not rewritten. */
  readonly #written = new WeakMap<Y.Doc, string>()

  constructor(prisma: PrismaClient, logger: Logger, maxCells: number) {
    this.#prisma = prisma
    this.#logger = logger
    this.#cols = Math.min(STORED_COLS, maxCells)
    this.#rows = Math.max(1, Math.min(STORED_ROWS, Math.floor(maxCells / this.#cols)))
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind !== 'grid') return
    try {
      const screen = firstScreen(workbookOf(document), this.#rows, this.#cols)
      const json = JSON.stringify(screen)
      if (this.#written.get(document) === json) return
      if (await saveFirstScreen(this.#prisma, documentName, screen))
        this.#written.set(document, json)
    } catch (error) {
      // Only a faster first paint is lost: the next open loads the document instead.
      this.#logger.warn({ err: error, documentName }, 'could not store the first screen')
    }
  }

  /** The stored screen cut to `rows` × `cols`, or null when there is none. */
  async read(documentName: string, rows: number, cols: number): Promise<FirstScreen | null> {
    const stored = (await readFirstScreen(this.#prisma, documentName)) as FirstScreen | null
    if (!stored) return null
    return {
      ...stored,
      columns: stored.columns.slice(0, cols),
      rows: stored.rows
        .slice(0, rows)
        .map((row) => ({ id: row.id, cells: row.cells.slice(0, cols) })),
    }
  }
}

/**
 * Tile boards (`canvas:<id>/tiles`, the r/place-style mode): every placement is validated by the
 * server. Clients hold read-only connections to a board (AccessControl makes them so), so no
 * Yjs update of theirs can touch it; they ask for a placement with a stateless message
 *   {"type":"tile.place","requestId":"…","row":3,"col":7,"colour":2}
 * and get {"type":"tile.result","requestId":"…","ok":true} or {…,"ok":false,"reason":"…"}.
 * A placement is applied only when the token grants write, the tile is on the board, the colour
 * is a palette index and the user is within the rate limit; a refused one changes nothing.
 */
import type {
  afterLoadDocumentPayload,
  Document,
  Extension,
  onStatelessPayload,
} from '@hocuspocus/server'
import { CanvasModel, type TileBoardConfig, tileKey, validateTile } from '@weft/canvas-model'
import { parseDocumentName } from '@weft/protocol'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import type { PlacementLimiter } from './placementLimits.ts'

/** The board a new tile document starts with: 32 × 32 tiles, 16 colours. */
export const DEFAULT_BOARD: TileBoardConfig = {
  cols: 32,
  rows: 32,
  palette: [
    '#ffffff',
    '#e4e4e4',
    '#888888',
    '#222222',
    '#ffa7d1',
    '#e50000',
    '#e59500',
    '#a06a42',
    '#e5d900',
    '#94e044',
    '#02be01',
    '#00d3dd',
    '#0083c7',
    '#0000ea',
    '#cf6ee4',
    '#820080',
  ],
}

export function isTileBoard(documentName: string): boolean {
  const parsed = parseDocumentName(documentName)
  return parsed?.kind === 'canvas' && parsed.subId === 'tiles'
}

export interface TileBoardOptions {
  /** Counts placements against the per-minute limit (fleet-wide through Redis when there is
   * one); its limit is named in the refusal. */
  limiter: PlacementLimiter
  logger: Logger
}

interface Placement {
  type: 'tile.place'
  requestId: string
  row: number
  col: number
  colour: number
}

function readPlacement(payload: string): Placement | null {
  try {
    const value = JSON.parse(payload) as Partial<Placement>
    if (
      value?.type !== 'tile.place' ||
      typeof value.requestId !== 'string' ||
      value.requestId.length > 100
    )
      return null
    return value as Placement
  } catch {
    return null
  }
}

export class TileBoard implements Extension {
  extensionName = 'TileBoard'
  private readonly options: TileBoardOptions

  constructor(options: TileBoardOptions) {
    this.options = options
  }

  /** A new board gets its size and palette once, from the server, never from a client. */
  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
    if (!isTileBoard(documentName)) return
    const model = new CanvasModel(document, { source: 'local' })
    if (!model.board) model.startTileBoard(DEFAULT_BOARD)
  }

  async onStateless({ connection, documentName, document, payload }: onStatelessPayload) {
    if (!isTileBoard(documentName)) return
    const placement = readPlacement(payload)
    if (!placement) return
    const context = connection.context as ConnectionContext
    const reason = await this.refusal(placement, context, document)
    if (!reason) {
      const user = context.user
      new CanvasModel(document, { source: 'local', context: { user } }).setTile(
        placement.row,
        placement.col,
        placement.colour,
      )
    } else {
      this.options.logger.debug(
        { documentName, user: context.user?.id, reason },
        'tile placement refused',
      )
    }
    connection.sendStateless(
      JSON.stringify({
        type: 'tile.result',
        requestId: placement.requestId,
        ok: !reason,
        ...(reason ? { reason } : {}),
      }),
    )
  }

  private async refusal(
    placement: Placement,
    context: ConnectionContext,
    document: Document,
  ): Promise<string | null> {
    if (context.access !== 'write')
      return 'read-only: your token grants no write access to this board'
    const board = new CanvasModel(document).board
    if (!board) return 'this document is not a tile board'
    const { row, col, colour } = placement
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0)
      return 'row and col must be whole numbers ≥ 0'
    const issues = validateTile(board, tileKey(row, col), colour)
    if (issues.length > 0) return issues.map((issue) => issue.problem).join('; ')
    // Counted last: a placement refused for any other reason costs the user nothing.
    if (
      !(await this.options.limiter.allow(`${context.user?.id ?? 'anonymous'}|${document.name}`))
    ) {
      return `rate limit: at most ${this.options.limiter.perMinute} placements a minute`
    }
    return null
  }
}

/**
 * Client side of the tile-board protocol (docs/architecture.md, "Tile boards"): sends
 * {"type":"tile.place",requestId,row,col,colour} as a stateless message and resolves each request
 * with the server's {"type":"tile.result",requestId,ok,reason?}. Until then the request is
 * pending; a request the server never answers (connection lost) is given up after `timeoutMs`.
 */
import { HEX, randomId } from '@weft/protocol/randomId'

export type TileAt = { row: number; col: number }
export type PlacementRequest = TileAt & { requestId: string; colour: number }
export type PlacementAnswer = { ok: boolean; reason?: string }

export type TilePlacerOptions = {
  send: (payload: string) => void
  /** Called with the pending requests whenever they change. */
  onPending?: (pending: PlacementRequest[]) => void
  timeoutMs?: number
  newId?: () => string
}

type Waiting = {
  request: PlacementRequest
  resolve: (answer: PlacementAnswer) => void
  timer: ReturnType<typeof setTimeout>
}

export class TilePlacer {
  private readonly options: TilePlacerOptions
  private readonly waiting = new Map<string, Waiting>()

  constructor(options: TilePlacerOptions) {
    this.options = options
  }

  get pending(): PlacementRequest[] {
    return [...this.waiting.values()].map((w) => w.request)
  }

  place(at: TileAt & { colour: number }): Promise<PlacementAnswer> {
    const requestId = this.options.newId?.() ?? randomId(32, HEX)
    const request = { requestId, row: at.row, col: at.col, colour: at.colour }
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(requestId, { ok: false, reason: 'no answer from the server' }),
        this.options.timeoutMs ?? 10_000,
      )
      this.waiting.set(requestId, { request, resolve, timer })
      this.changed()
      try {
        this.options.send(JSON.stringify({ type: 'tile.place', ...request }))
      } catch (error) {
        this.settle(requestId, { ok: false, reason: `not sent: ${String(error)}` })
      }
    })
  }

  /** Feeds one stateless payload from the server; anything but an answer to us is ignored. */
  receive(payload: string): void {
    let value: { type?: unknown; requestId?: unknown; ok?: unknown; reason?: unknown }
    try {
      value = JSON.parse(payload)
    } catch {
      return
    }
    if (value?.type !== 'tile.result' || typeof value.requestId !== 'string') return
    this.settle(value.requestId, {
      ok: value.ok === true,
      ...(typeof value.reason === 'string' ? { reason: value.reason } : {}),
    })
  }

  /** Gives up on every pending request (the page is leaving the board). */
  destroy(): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, { ok: false, reason: 'cancelled' })
  }

  private settle(requestId: string, answer: PlacementAnswer): void {
    const w = this.waiting.get(requestId)
    if (!w) return
    clearTimeout(w.timer)
    this.waiting.delete(requestId)
    this.changed()
    w.resolve(answer)
  }

  private changed(): void {
    this.options.onPending?.(this.pending)
  }
}

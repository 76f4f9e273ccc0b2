/**
 * One bytea read as raw bytes through `pg` (decision 0201): `COPY (select) TO STDOUT (FORMAT
 * binary)` makes Postgres send the value as it is stored, in CopyData messages that pg-protocol
 * hands over as Buffers. A plain query can only return a bytea as text (pg-protocol decodes every
 * field of a row as UTF-8): Postgres encodes it (hex, or base64 when asked), `pg` builds a string
 * of it and the node decodes that back — for scenario 6's 24.5 MB snapshot 0.42–0.45 s of
 * Postgres CPU and 0.18–0.57 s of the node's, against 0.12–0.18 s and 0.14–0.28 s this way
 * (`node bench/src/coldLoadRead.ts`).
 *
 * Used as a `pg` submittable: `client.query(copy)` hands it the connection and the messages.
 */

/** The binary COPY signature, then flags (int32) and the header extension's length (int32). */
const SIGNATURE_BYTES = 11
const HEADER_BYTES = SIGNATURE_BYTES + 4 + 4

export class BinaryCopyOut {
  /** The first field of the first row, or null when the query returned no row. */
  readonly done: Promise<Uint8Array | null>
  private readonly text: string
  private readonly chunks: Buffer[] = []
  private settle!: { resolve(value: Uint8Array | null): void; reject(error: unknown): void }
  private settled = false

  /** `select` must need no parameters: COPY cannot bind any. */
  constructor(select: string) {
    this.text = `COPY (${select}) TO STDOUT (FORMAT binary)`
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject }
    })
  }

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text)
  }

  handleCopyData(message: { chunk: Buffer }): void {
    this.chunks.push(message.chunk)
  }

  handleCommandComplete(): void {}

  handleEmptyQuery(): void {}

  /** `pg` passes a server error or a lost connection here and then forgets the query: settle now. */
  handleError(error: unknown): void {
    this.finish(() => this.settle.reject(error))
  }

  handleReadyForQuery(): void {
    this.finish(() => {
      try {
        this.settle.resolve(firstField(this.chunks))
      } catch (error) {
        this.settle.reject(error)
      }
    })
  }

  private finish(settle: () => void): void {
    if (this.settled) return
    this.settled = true
    settle()
  }
}

/** The first field of the first row of a binary COPY's output (its CopyData chunks), as a view. */
export function firstField(chunks: Buffer[]): Uint8Array | null {
  // Postgres sends the header with the first row and the trailer apart: the value is then a view
  // into the first message. Only output cut across messages is joined (a copy of the value).
  const first = chunks[0]
  if (first && chunks.length > 1) {
    try {
      return fieldOf(first)
    } catch {
      return fieldOf(Buffer.concat(chunks))
    }
  }
  return fieldOf(first ?? Buffer.alloc(0))
}

function fieldOf(output: Buffer): Uint8Array | null {
  if (output.length < HEADER_BYTES + 2) throw new Error('binary COPY output too short')
  const start = HEADER_BYTES + output.readUInt32BE(SIGNATURE_BYTES + 4)
  const fields = output.readInt16BE(start)
  if (fields === -1) return null // the trailer: no row
  const length = output.readInt32BE(start + 2)
  if (length === -1) return null
  if (start + 6 + length > output.length) throw new Error('binary COPY output truncated')
  return output.subarray(start + 6, start + 6 + length)
}

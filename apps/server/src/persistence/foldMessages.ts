/**
 * The messages between FoldWorker.ts and its thread (foldThread.ts). Log rows travel packed into
 * one transferred buffer: a structured clone of a Uint8Array copies its whole underlying buffer,
 * and rows read from Postgres are small views into shared pool slabs (2,000 keystroke rows
 * would have cloned 2,000 × 8 KB).
 */

export interface FoldRequest {
  id: number
  /** The previous snapshot's bytes (a copy owned by the message), or null. */
  previous: { state: ArrayBuffer; encoding: number } | null
  /** Every row's bytes, back to back. */
  updates: ArrayBuffer
  /** Where each row ends in `updates`. */
  ends: Uint32Array
}

export type FoldReply =
  | { id: number; state: ArrayBuffer; encoding: number; error?: undefined }
  | { id: number; error: string }

/** Copies `updates` into one buffer and the offsets where each ends. */
export function packUpdates(updates: readonly Uint8Array[]): {
  updates: ArrayBuffer
  ends: Uint32Array
} {
  const ends = new Uint32Array(updates.length)
  let total = 0
  updates.forEach((update, i) => {
    total += update.byteLength
    ends[i] = total
  })
  const packed = new Uint8Array(total)
  updates.forEach((update, i) => {
    packed.set(update, (ends[i] as number) - update.byteLength)
  })
  return { updates: packed.buffer, ends }
}

/** The rows `packUpdates` packed, as views of the one buffer. */
export function unpackUpdates(updates: ArrayBuffer, ends: Uint32Array): Uint8Array[] {
  const rows: Uint8Array[] = []
  let start = 0
  for (const end of ends) {
    rows.push(new Uint8Array(updates, start, end - start))
    start = end
  }
  return rows
}

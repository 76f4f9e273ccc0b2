/**
 * One journal entry: the client updates of one event-loop turn, each with everything its
 * update-log row needs (key, user, node, time), so whoever replays them writes the rows the
 * receiving node would have written — the same `update_key` (idempotent against a row already
 * committed) and the same attribution.
 *
 * A turn is one entry (one XADD) rather than one entry per update: ioredis builds, sends and
 * answers every command separately, and per-update XADDs were node A's largest cost of its own
 * on a fast writer (docs/decisions/0161-one-journal-entry-per-turn.md). The entry holds the
 * turn's rows as JSON and their updates back to back; its id is the turn's **last** sequence number,
 * so a commit up to `seq` trims (`MINID seq+1`) only entries all of whose updates are committed.
 * Entries of the previous format (one update each, written by an earlier image) still decode.
 */
import type { LoggedUpdate } from '@weft/db'

/** The fields of a turn: its rows' metadata (JSON) and their updates back to back. */
const META_FIELD = 'm'
const BYTES_FIELD = 'b'

/** Field names of the earlier one-update entries. */
const F = {
  document: 'd',
  key: 'k',
  update: 'u',
  userId: 'ui',
  userName: 'un',
  node: 'n',
  time: 't',
} as const

/** One update's row in a turn's metadata: document, key, node, epoch ms, user id, user name, byte length. */
type MetaRow = [string, string, string, number, string | null, string | null, number]

/**
 * The fields of the entry holding `entries` (one turn, in sequence order). Metadata as JSON and
 * the updates as one buffer: both are built by native code (a field-by-field binary encoding in
 * JavaScript cost more than the XADDs it replaced).
 */
export function entryFields(entries: readonly LoggedUpdate[]): (string | Buffer)[] {
  const meta: MetaRow[] = []
  const updates: Uint8Array[] = []
  for (const entry of entries) {
    meta.push([
      entry.documentName,
      entry.updateKey,
      entry.nodeId,
      entry.receivedAt.getTime(),
      entry.userId,
      entry.userName,
      entry.update.byteLength,
    ])
    updates.push(entry.update)
  }
  return [META_FIELD, JSON.stringify(meta), BYTES_FIELD, Buffer.concat(updates)]
}

/**
 * Decodes a stream entry's fields (as XRANGE returns them, in buffers) into its updates, only
 * those of `documentName` when given; an entry that cannot be decoded gives none (there is nothing
 * in it a row could be made of).
 */
export function decodeEntry(fields: Buffer[], documentName?: string): LoggedUpdate[] {
  const values = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2)
    values.set((fields[i] as Buffer).toString(), fields[i + 1] as Buffer)
  const meta = values.get(META_FIELD)
  const bytes = values.get(BYTES_FIELD)
  if (meta && bytes) {
    // A load asks for one document: a turn that never names it is skipped without parsing.
    if (documentName !== undefined && !meta.includes(JSON.stringify(documentName))) return []
    return decodeTurn(meta, bytes, documentName)
  }
  const single = decodeSingle(values)
  return single && (documentName === undefined || single.documentName === documentName)
    ? [single]
    : []
}

function isMetaRow(row: unknown): row is MetaRow {
  if (!Array.isArray(row) || row.length !== 7) return false
  const [document, key, node, time, userId, userName, length] = row
  const text = (value: unknown) => typeof value === 'string' && value.length > 0
  const optional = (value: unknown) => value === null || typeof value === 'string'
  return (
    text(document) &&
    text(key) &&
    text(node) &&
    Number.isFinite(time) &&
    optional(userId) &&
    optional(userName) &&
    Number.isInteger(length) &&
    (length as number) >= 0
  )
}

function decodeTurn(meta: Buffer, bytes: Buffer, documentName?: string): LoggedUpdate[] {
  let rows: unknown
  try {
    rows = JSON.parse(meta.toString())
  } catch {
    return []
  }
  if (!Array.isArray(rows) || !rows.every(isMetaRow)) return []
  const total = rows.reduce((sum, row) => sum + row[6], 0)
  if (total !== bytes.byteLength) return []
  const entries: LoggedUpdate[] = []
  let offset = 0
  for (const [document, updateKey, nodeId, time, userId, userName, length] of rows) {
    const start = offset
    offset += length
    if (documentName !== undefined && document !== documentName) continue
    entries.push({
      documentName: document,
      updateKey,
      // A copy: the row must not keep the whole entry's buffer alive.
      update: new Uint8Array(bytes.subarray(start, offset)),
      userId,
      userName,
      nodeId,
      receivedAt: new Date(time),
    })
  }
  return entries
}

/** An entry of the earlier format: one update, one field each. */
function decodeSingle(values: Map<string, Buffer>): LoggedUpdate | null {
  const text = (name: string) => values.get(name)?.toString() ?? null
  const update = values.get(F.update)
  const documentName = text(F.document)
  const updateKey = text(F.key)
  const nodeId = text(F.node)
  const time = Number(text(F.time))
  if (!update || !documentName || !updateKey || !nodeId || !Number.isFinite(time)) return null
  return {
    documentName,
    updateKey,
    update: new Uint8Array(update),
    userId: text(F.userId),
    userName: text(F.userName),
    nodeId,
    receivedAt: new Date(time),
  }
}

/** The sequence number in a stream entry id (`0-<seq>`: the writer's own order). */
export const entryId = (seq: number) => `0-${seq}`
export const seqOfId = (id: string) => Number(id.slice(id.indexOf('-') + 1))

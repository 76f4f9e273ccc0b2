/**
 * One journal entry: a client update with everything its update-log row needs (key, user, node,
 * time), so whoever replays it writes the row the receiving node would have written — the same
 * `update_key` (idempotent against a row already committed) and the same attribution.
 */
import type { LoggedUpdate } from '@weft/db'

/** Field names in the stream entry (short: they are stored once per update). */
const F = {
  document: 'd',
  key: 'k',
  update: 'u',
  userId: 'ui',
  userName: 'un',
  node: 'n',
  time: 't',
} as const

export function entryFields(entry: LoggedUpdate): (string | Buffer)[] {
  const fields: (string | Buffer)[] = [
    F.document,
    entry.documentName,
    F.key,
    entry.updateKey,
    F.update,
    Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength),
    F.node,
    entry.nodeId,
    F.time,
    String(entry.receivedAt.getTime()),
  ]
  if (entry.userId !== null) fields.push(F.userId, entry.userId)
  if (entry.userName !== null) fields.push(F.userName, entry.userName)
  return fields
}

/** Decodes a stream entry's fields (as XRANGE returns them, in buffers); null when malformed. */
export function decodeEntry(fields: Buffer[]): LoggedUpdate | null {
  const values = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2)
    values.set((fields[i] as Buffer).toString(), fields[i + 1] as Buffer)
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

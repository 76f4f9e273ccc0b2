import * as Y from 'yjs'
import type { GridChange } from './describeUpdate.ts'
import { describeWorkbookUpdate } from './describeWorkbookUpdate.ts'
import { Workbook } from './Workbook.ts'

/** One entry of the server's update log, as GET /api/documents/:name/history returns it. */
export type HistoryEntry = {
  id: string
  userId: string
  userName: string
  nodeId: string
  receivedAt: string
  /** base64 Yjs update */
  update: string
}

export type HistoryResponse = { base: string; entries: HistoryEntry[] }

export type ActivityItem = Omit<HistoryEntry, 'update'> & { changes: GridChange[] }

export function fromBase64(text: string): Uint8Array {
  const bin = atob(text)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function toBase64(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(bin)
}

/**
 * Replays the log onto a private document built from `base` and describes
 * each entry. Entries that changed nothing visible (awareness-free no-ops,
 * duplicate deliveries) are dropped.
 */
export function replayHistory(history: HistoryResponse): ActivityItem[] {
  const doc = new Y.Doc()
  if (history.base) Y.applyUpdate(doc, fromBase64(history.base))
  const book = new Workbook(doc)
  const items: ActivityItem[] = []
  for (const { update, ...meta } of history.entries) {
    const changes = describeWorkbookUpdate(book, fromBase64(update))
    if (changes.length > 0) items.push({ ...meta, changes })
  }
  doc.destroy()
  return items
}

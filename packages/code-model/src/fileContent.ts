import * as Y from 'yjs'

/** The Y.Text holding a file's content in its own document (`code:<projectId>/<fileId>`). */
export const FILE_TEXT = 'content'

/**
 * Initial content is written by a fixed pseudo-client, so the update that creates it is the same
 * bytes on every replica: two users opening a new file at once both apply it and Yjs keeps one
 * copy. Real clients get random 32-bit ids; a collision with this one is as unlikely as any other.
 */
export const SEED_CLIENT_ID = 1

export function fileText(doc: Y.Doc): Y.Text {
  return doc.getText(FILE_TEXT)
}

/** The Yjs update that inserts `content` as the file's first text. Deterministic. */
export function seedUpdate(content: string): Uint8Array {
  const seed = new Y.Doc()
  seed.clientID = SEED_CLIENT_ID
  seed.getText(FILE_TEXT).insert(0, content)
  const update = Y.encodeStateAsUpdate(seed)
  seed.destroy()
  return update
}

/**
 * Applies a file's seed. Idempotent: applying it again, after edits, or on a replica that
 * already has it changes nothing (deleted seed text stays deleted).
 */
export function applySeed(doc: Y.Doc, content: string, origin: unknown = 'seed'): void {
  if (!content) return
  Y.applyUpdate(doc, seedUpdate(content), origin)
}

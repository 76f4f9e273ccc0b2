/**
 * The shared part of a document's metadata that travels inside the Yjs document, so everyone
 * connected sees it change live: a map at this root. The server writes its `title` whenever the
 * title in Postgres changes (PATCH /api/documents/{name}); clients only read it. Restoring a
 * version leaves this root as it is (a restore brings content back, not an old name).
 */
export const DOCUMENT_META_ROOT = 'weft.meta'

/** The key of the title in DOCUMENT_META_ROOT: a string, or null once the title was cleared. */
export const DOCUMENT_TITLE_KEY = 'title'

/**
 * The key of the list of restores in DOCUMENT_META_ROOT: a Y.Array of RestoreRecord, one pushed
 * in the same transaction as each restore, so the history can say "Ada restored the version of
 * 14:02" for the log entry that restore made (the log itself has no field for it).
 */
export const DOCUMENT_RESTORES_KEY = 'restores'

export type RestoreRecord = {
  /** Server time (ms) just before the restore was applied; its log entry is at or after it. */
  at: number
  userId: string
  userName: string
  /** The version restored (update:<n> or snapshot:<n>). */
  version: string
  /** When that version was made (ISO 8601), for saying which version it was. */
  versionAt: string | null
}

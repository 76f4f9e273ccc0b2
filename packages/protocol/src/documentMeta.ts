/**
 * The shared part of a document's metadata that travels inside the Yjs document, so everyone
 * connected sees it change live: a map at this root. The server writes its `title` whenever the
 * title in Postgres changes (PATCH /api/documents/{name}); clients only read it. Restoring a
 * version leaves this root as it is (a restore brings content back, not an old name).
 */
export const DOCUMENT_META_ROOT = 'weft.meta'

/** The key of the title in DOCUMENT_META_ROOT: a string, or null once the title was cleared. */
export const DOCUMENT_TITLE_KEY = 'title'

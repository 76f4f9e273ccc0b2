/**
 * Document names are the routing key of the whole fleet (Redis channels, log rows, URLs), so they
 * are validated before anything is loaded: a known app prefix, a short id, and for code projects
 * an optional per-file suffix (`code:<projectId>/<fileId>`).
 */
export const DOCUMENT_KINDS = ['grid', 'code', 'canvas'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const MAX_DOCUMENT_NAME_LENGTH = 200

const DOCUMENT_NAME = /^(grid|code|canvas):([A-Za-z0-9_-]{1,64})(?:\/([A-Za-z0-9_.-]{1,128}))?$/

export interface ParsedDocumentName {
  kind: DocumentKind
  id: string
  /** The file id of a per-file code document, when present. */
  subId?: string
}

/** Returns why `name` is not a valid document name, or null when it is. */
export function documentNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'document name is empty'
  if (name.length > MAX_DOCUMENT_NAME_LENGTH) {
    return `document name is longer than ${MAX_DOCUMENT_NAME_LENGTH} characters`
  }
  if (!DOCUMENT_NAME.test(name)) {
    return 'document name must look like grid:<id>, code:<id>, code:<id>/<file> or canvas:<id> (letters, digits, _ and -)'
  }
  return null
}

export function parseDocumentName(name: string): ParsedDocumentName | null {
  const match = DOCUMENT_NAME.exec(name)
  if (!match || name.length > MAX_DOCUMENT_NAME_LENGTH) return null
  const [, kind, id, subId] = match
  return { kind: kind as DocumentKind, id: id as string, ...(subId ? { subId } : {}) }
}

/**
 * The apps' calls to the documents REST API (docs/documents-api.md): a document's metadata,
 * creating and renaming it, its log and versions, a past version's content, restoring one.
 */
import { ApiProblem, apiJson, apiResponse, documentApiPath, type Fetch } from './apiRequest.ts'
import type { VersionJson } from './editingSessions.ts'

export type DocumentKind = 'grid' | 'code' | 'canvas'

export interface DocumentInfoJson {
  name: string
  kind: DocumentKind
  id: string
  title: string | null
  owner: { id: string; name: string | null } | null
  access: 'read' | 'write'
  url: string | null
}

/** The server's log of a document (see docs/document-models.md). */
export type HistoryEntryJson = {
  id: string
  userId: string
  userName: string
  nodeId: string
  receivedAt: string
  update: string
}
export type HistoryJson = { base: string; entries: HistoryEntryJson[] }

export function getDocumentInfo(name: string, token: string, fetchImpl?: Fetch) {
  return apiJson<DocumentInfoJson>(
    documentApiPath(name),
    token,
    fetchImpl ? { fetch: fetchImpl } : {},
  )
}

/** Creates `<kind>:<id>`; a document that exists already (409) counts as created. */
export async function createDocumentWithId(
  kind: DocumentKind,
  id: string,
  token: string,
  title?: string,
): Promise<void> {
  try {
    await apiJson('/api/documents', token, {
      method: 'POST',
      json: { kind, id, ...(title ? { title } : {}) },
    })
  } catch (error) {
    if (!(error instanceof ApiProblem && error.status === 409)) throw error
  }
}

/** Renames (a blank title clears it). */
export function renameDocument(name: string, token: string, title: string) {
  return apiJson<DocumentInfoJson>(documentApiPath(name), token, {
    method: 'PATCH',
    json: { title: title.trim() === '' ? null : title.trim() },
  })
}

/** The server's log of the document: the state before it, then each logged update. */
export async function fetchHistory(
  name: string,
  token: string,
  options: { limit?: number; baseUrl?: string; fetch?: Fetch } = {},
): Promise<HistoryJson> {
  const { limit = 500, ...init } = options
  const body = await apiJson<HistoryJson>(
    `${documentApiPath(name, 'history')}?limit=${limit}`,
    token,
    init,
  )
  if (typeof body.base !== 'string' || !Array.isArray(body.entries)) {
    throw new ApiProblem(200, 'the history answer is not { base, entries }')
  }
  return body
}

export async function fetchVersions(name: string, token: string, limit = 1000) {
  const path = `${documentApiPath(name, 'versions')}?limit=${limit}`
  return (await apiJson<{ versions: VersionJson[] }>(path, token)).versions
}

const exportPath = (name: string, format: 'yjs' | 'json', version: string) =>
  `${documentApiPath(name, 'export')}?format=${format}&version=${encodeURIComponent(version)}`

/** The document's full Yjs state at a version. */
export async function fetchVersionState(name: string, token: string, version: string) {
  const response = await apiResponse(exportPath(name, 'yjs', version), token)
  return new Uint8Array(await response.arrayBuffer())
}

/** The document's JSON export at a version (a code project: its files then). */
export function fetchVersionJson<T>(name: string, token: string, version: string) {
  return apiJson<T>(exportPath(name, 'json', version), token)
}

/** Brings the document back to a version, as a new change everyone connected receives. */
export function restoreDocumentVersion(name: string, token: string, version: string) {
  return apiJson<{ changed: boolean; stored: boolean; filesRestored?: number }>(
    documentApiPath(name, 'restore'),
    token,
    { method: 'POST', json: { version } },
  )
}

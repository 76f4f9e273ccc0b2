/**
 * The apps' calls to the documents API (docs/documents-api.md) with the socket's token: the
 * title, the versions, a past version's content, restoring one. Errors carry the server's words.
 */
import type { VersionJson } from './editingSessions.ts'

export class DocumentsApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

export type DocumentJson = { name: string; kind: string; title: string | null }

function documentUrl(documentName: string, action = ''): string {
  return `/api/documents/${encodeURIComponent(documentName)}${action ? `/${action}` : ''}`
}

async function call(url: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${token}`)
  const response = await fetch(url, { ...init, headers })
  if (response.ok) return response
  let message = `HTTP ${response.status}`
  try {
    const body = (await response.json()) as { error?: unknown }
    if (typeof body.error === 'string') message = body.error
  } catch {
    // Not JSON: the status says enough.
  }
  throw new DocumentsApiError(response.status, message)
}

/** The document's metadata; null when the server has never seen it (nobody edited it yet). */
export async function fetchDocument(
  documentName: string,
  token: string,
): Promise<DocumentJson | null> {
  try {
    return (await (await call(documentUrl(documentName), token)).json()) as DocumentJson
  } catch (error) {
    if (error instanceof DocumentsApiError && error.status === 404) return null
    throw error
  }
}

/** Renames (a blank title clears it). */
export async function renameDocument(
  documentName: string,
  token: string,
  title: string,
): Promise<DocumentJson> {
  const response = await call(documentUrl(documentName), token, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: title.trim() === '' ? null : title.trim() }),
  })
  return (await response.json()) as DocumentJson
}

export async function fetchVersions(
  documentName: string,
  token: string,
  limit = 1000,
): Promise<VersionJson[]> {
  const response = await call(`${documentUrl(documentName, 'versions')}?limit=${limit}`, token)
  return ((await response.json()) as { versions: VersionJson[] }).versions
}

/** The document's full Yjs state at a version. */
export async function fetchVersionState(
  documentName: string,
  token: string,
  version: string,
): Promise<Uint8Array> {
  const url = `${documentUrl(documentName, 'export')}?format=yjs&version=${encodeURIComponent(version)}`
  return new Uint8Array(await (await call(url, token)).arrayBuffer())
}

/** The document's JSON export at a version (a code project: its files then). */
export async function fetchVersionJson<T>(
  documentName: string,
  token: string,
  version: string,
): Promise<T> {
  const url = `${documentUrl(documentName, 'export')}?format=json&version=${encodeURIComponent(version)}`
  return (await (await call(url, token)).json()) as T
}

/** Brings the document back to a version, as a new change everyone connected receives. */
export async function restoreDocumentVersion(
  documentName: string,
  token: string,
  version: string,
): Promise<{ changed: boolean; stored: boolean; filesRestored?: number }> {
  const response = await call(documentUrl(documentName, 'restore'), token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ version }),
  })
  return (await response.json()) as { changed: boolean; stored: boolean; filesRestored?: number }
}

export type AssetJson = { id: string; contentType: string; size: number; url: string }

/** Stores an image as an asset of the document (a canvas); the server's words when it refuses. */
export async function uploadAsset(
  documentName: string,
  token: string,
  bytes: Blob,
): Promise<AssetJson> {
  const response = await call(documentUrl(documentName, 'assets'), token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
  })
  return (await response.json()) as AssetJson
}

/** One asset's bytes (the browser may answer from its cache: an asset never changes). */
export async function fetchAsset(documentName: string, token: string, id: string): Promise<Blob> {
  return (await call(`${documentUrl(documentName, 'assets')}/${id}`, token)).blob()
}

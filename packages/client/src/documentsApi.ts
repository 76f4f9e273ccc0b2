/**
 * The apps' calls to the documents REST API (docs/documents-api.md), with the WebSocket's token
 * as a bearer token. Every failure comes back as an ApiProblem saying what happened in words:
 * the server's own `error` text, or "cannot reach the server" when the request never arrived.
 */

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

export interface ShareJson {
  id: string
  role: 'read' | 'write'
  url: string
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  state: 'live' | 'revoked' | 'expired'
  openedBy: { id: string; name: string | null; firstOpenedAt: string; lastOpenedAt: string }[]
}

export class ApiProblem extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiProblem'
    this.status = status
  }
}

type Fetch = typeof fetch

async function request<T>(
  path: string,
  token: string,
  init: { method?: string; json?: unknown; fetch?: Fetch } = {},
): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
  if (init.json !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await (init.fetch ?? fetch)(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    })
  } catch {
    throw new ApiProblem(0, 'cannot reach the server')
  }
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null
  if (!response.ok) {
    const message =
      body && typeof body.error === 'string' ? body.error : `the server answered ${response.status}`
    throw new ApiProblem(response.status, message)
  }
  return body as T
}

const documentPath = (name: string) => `/api/documents/${encodeURIComponent(name)}`

export function getDocumentInfo(name: string, token: string, fetchImpl?: Fetch) {
  return request<DocumentInfoJson>(documentPath(name), token, fetchImpl ? { fetch: fetchImpl } : {})
}

/** Creates `<kind>:<id>`; a document that exists already (409) counts as created. */
export async function createDocumentWithId(
  kind: DocumentKind,
  id: string,
  token: string,
  title?: string,
): Promise<void> {
  try {
    await request('/api/documents', token, {
      method: 'POST',
      json: { kind, id, ...(title ? { title } : {}) },
    })
  } catch (error) {
    if (!(error instanceof ApiProblem && error.status === 409)) throw error
  }
}

export function listShares(name: string, token: string) {
  return request<{ owner: { id: string; name: string | null } | null; shares: ShareJson[] }>(
    `${documentPath(name)}/shares`,
    token,
  )
}

export function createShare(
  name: string,
  token: string,
  share: { role: 'read' | 'write'; expiresInHours: number },
) {
  return request<ShareJson>(`${documentPath(name)}/shares`, token, { method: 'POST', json: share })
}

export function revokeShare(name: string, id: string, token: string) {
  return request<ShareJson>(`${documentPath(name)}/shares/${encodeURIComponent(id)}`, token, {
    method: 'DELETE',
  })
}

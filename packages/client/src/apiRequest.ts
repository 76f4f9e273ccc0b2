/**
 * One way the apps call the server's REST API (docs/documents-api.md): the WebSocket's token as
 * a bearer token, and every failure as an ApiProblem saying what happened in words — the
 * server's own `error` text, or "cannot reach the server" when the request never arrived.
 */

export class ApiProblem extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiProblem'
    this.status = status
  }
}

export type Fetch = typeof fetch

export interface ApiInit {
  method?: string
  /** Sent as the JSON body. */
  json?: unknown
  /** Another fetch (tests, or a page that wraps it). */
  fetch?: Fetch
  /** Prefix of the path when the API is not on the page's own origin. */
  baseUrl?: string
}

/** The response of a successful call; an ApiProblem otherwise. */
export async function apiResponse(path: string, token: string, init: ApiInit = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
  if (init.json !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await (init.fetch ?? fetch)(`${init.baseUrl ?? ''}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    })
  } catch {
    throw new ApiProblem(0, 'cannot reach the server')
  }
  if (response.ok) return response
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null
  const message =
    body && typeof body.error === 'string' ? body.error : `the server answered ${response.status}`
  throw new ApiProblem(response.status, message)
}

/** The parsed JSON answer of a successful call. */
export async function apiJson<T>(path: string, token: string, init: ApiInit = {}): Promise<T> {
  return (await (await apiResponse(path, token, init)).json()) as T
}

/** `/api/documents/<name>` or one of its actions (`versions`, `export`, `shares`…). */
export const documentApiPath = (name: string, action = '') =>
  `/api/documents/${encodeURIComponent(name)}${action ? `/${action}` : ''}`

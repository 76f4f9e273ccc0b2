import type { Fleet } from './fleet.ts'

export interface NodeRequest {
  method?: string
  /** Sent as `Authorization: Bearer …`. */
  token?: string
  /** Sent as a JSON body. */
  json?: unknown
  /** Sent as an application/octet-stream body. */
  body?: Uint8Array
  /** Asks for an HTML page (the browser's Accept), as a link opened in a tab would. */
  html?: boolean
}

export interface NodeResponse {
  status: number
  headers: Headers
  /** Parsed JSON, the text of a text/* answer, or the raw bytes of anything else. */
  // biome-ignore lint/suspicious/noExplicitAny: each test asserts the fields it reads.
  body: any
}

/**
 * HTTP calls to a test file's fleet by node index, the way the REST tests talk to "pod" A or B.
 * The fleet is read lazily because test files start it in `before`.
 */
export function nodeHttp(fleet: () => Pick<Fleet, 'nodes'>) {
  return async function call(
    node: number,
    path: string,
    init: NodeRequest = {},
  ): Promise<NodeResponse> {
    const target = fleet().nodes[node]
    if (!target) throw new Error(`the fleet has no node ${node}`)
    const headers: Record<string, string> = {}
    if (init.token) headers.Authorization = `Bearer ${init.token}`
    if (init.html) headers.Accept = 'text/html'
    let body: BodyInit | undefined
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(init.json)
    } else if (init.body) {
      headers['Content-Type'] = 'application/octet-stream'
      body = Buffer.from(init.body)
    }
    const response = await fetch(`${target.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(body ? { body } : {}),
    })
    const type = response.headers.get('content-type') ?? ''
    const payload = type.includes('json')
      ? await response.json()
      : type.startsWith('text/')
        ? await response.text()
        : new Uint8Array(await response.arrayBuffer())
    return { status: response.status, headers: response.headers, body: payload }
  }
}

/** The REST path of a document, or of one of its actions (`versions`, `restore`, `shares`…). */
export const documentPath = (name: string, action = '') =>
  `/api/documents/${encodeURIComponent(name)}${action ? `/${action}` : ''}`

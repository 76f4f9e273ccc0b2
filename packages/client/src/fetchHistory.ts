/** The server's history API response (see docs/document-models.md). */
export type HistoryEntryJson = {
  id: string
  userId: string
  userName: string
  nodeId: string
  receivedAt: string
  update: string
}
export type HistoryJson = { base: string; entries: HistoryEntryJson[] }

export class HistoryError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

/** GET /api/documents/<name>/history with the same token as the WebSocket. */
export async function fetchHistory(
  documentName: string,
  token: string,
  options: { limit?: number; baseUrl?: string; fetch?: typeof fetch } = {},
): Promise<HistoryJson> {
  const limit = options.limit ?? 500
  const url = `${options.baseUrl ?? ''}/api/documents/${encodeURIComponent(documentName)}/history?limit=${limit}`
  const res = await (options.fetch ?? fetch)(url, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new HistoryError(res.status, `history request failed: HTTP ${res.status}`)
  const body = (await res.json()) as HistoryJson
  if (typeof body.base !== 'string' || !Array.isArray(body.entries)) {
    throw new HistoryError(res.status, 'history response is not { base, entries }')
  }
  return body
}

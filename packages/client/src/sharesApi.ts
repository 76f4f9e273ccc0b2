/** A document's share links (docs/documents-api.md, "Share links"): list, create, revoke. */
import { apiJson, documentApiPath } from './apiRequest.ts'

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

export function listShares(name: string, token: string) {
  return apiJson<{ owner: { id: string; name: string | null } | null; shares: ShareJson[] }>(
    documentApiPath(name, 'shares'),
    token,
  )
}

export function createShare(
  name: string,
  token: string,
  share: { role: 'read' | 'write'; expiresInHours: number },
) {
  return apiJson<ShareJson>(documentApiPath(name, 'shares'), token, {
    method: 'POST',
    json: share,
  })
}

export function revokeShare(name: string, id: string, token: string) {
  return apiJson<ShareJson>(`${documentApiPath(name, 'shares')}/${encodeURIComponent(id)}`, token, {
    method: 'DELETE',
  })
}

/**
 * A canvas's images (docs/canvas-assets.md): stored as assets of the document, fetched back with
 * the same bearer token. The body is the image's raw bytes, so these calls do not go through
 * apiJson (JSON bodies only); failures are ApiProblems with the server's words all the same.
 */
import { ApiProblem, documentApiPath } from './apiRequest.ts'

export type AssetJson = { id: string; contentType: string; size: number; url: string }

async function assetCall(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
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

/** Stores an image as an asset of the document (a canvas); the server's words when it refuses. */
export async function uploadAsset(
  documentName: string,
  token: string,
  bytes: Blob,
): Promise<AssetJson> {
  const response = await assetCall(documentApiPath(documentName, 'assets'), token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
  })
  return (await response.json()) as AssetJson
}

/** One asset's bytes (the browser may answer from its cache: an asset never changes). */
export async function fetchAsset(documentName: string, token: string, id: string): Promise<Blob> {
  return (await assetCall(`${documentApiPath(documentName, 'assets')}/${id}`, token)).blob()
}

import { docPath } from '@weft/client'

export { newDocId } from '@weft/client'

/** Which board a path opens: the free drawing board (`/canvas/<id>`) or its tile board. */
export type CanvasMode = 'free' | 'tiles'
export type CanvasRoute = { id: string; mode: CanvasMode }

/** The canvas id in /canvas/<id>, or null for /canvas/ (or anything unusable). */
export function docIdFromPath(pathname: string, base = '/canvas/'): string | null {
  return routeFromPath(pathname, base)?.id ?? null
}

/**
 * The id and mode of /canvas/<id> (free drawing) or /canvas/<id>/tiles (the tile board,
 * document `canvas:<id>/tiles`); null when there is no usable id.
 */
export function routeFromPath(pathname: string, base = '/canvas/'): CanvasRoute | null {
  const path = docPath(pathname, base)
  if (!path) return null
  return { id: path.id, mode: path.rest[0] === 'tiles' ? 'tiles' : 'free' }
}

/** The page of a board, and the document it edits. */
export function pathFor(route: CanvasRoute, base = '/canvas/'): string {
  return `${base}${route.id}${route.mode === 'tiles' ? '/tiles' : ''}`
}

export function documentNameFor(route: CanvasRoute): string {
  return route.mode === 'tiles' ? `canvas:${route.id}/tiles` : `canvas:${route.id}`
}

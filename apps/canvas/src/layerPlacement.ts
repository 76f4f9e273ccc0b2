import type { Camera, Point } from './geometry.ts'

/**
 * Where a drawn layer goes on screen: a layer whose pixel (0, 0) is the canvas point `origin`,
 * drawn at `drawnZoom` CSS pixels per canvas unit, shown through `cam`. The layer keeps its
 * pixels (a composited layer) and is only translated and scaled: screen = pixel × scale + t.
 * Used for the shape layer (origin: the render area) and the overview (origin: the board).
 */
export type Placement = { tx: number; ty: number; scale: number }

export function placeLayer(origin: Point, drawnZoom: number, cam: Camera): Placement {
  return {
    tx: (origin.x - cam.x) * cam.zoom,
    ty: (origin.y - cam.y) * cam.zoom,
    scale: cam.zoom / drawnZoom,
  }
}

/** The CSS transform for a placement (the layer's transform-origin is its top-left corner). */
export function placementCss(p: Placement): string {
  return `translate(${p.tx}px, ${p.ty}px) scale(${p.scale})`
}

/** Where the canvas point `p`, drawn in a layer at `origin` and `drawnZoom` placed by `at`, is on screen. */
export function placedOnScreen(
  p: Point,
  origin: Point,
  drawnZoom: number,
  at: Placement,
): { sx: number; sy: number } {
  return {
    sx: (p.x - origin.x) * drawnZoom * at.scale + at.tx,
    sy: (p.y - origin.y) * drawnZoom * at.scale + at.ty,
  }
}

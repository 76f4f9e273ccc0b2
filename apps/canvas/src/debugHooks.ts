import type { CanvasModel } from '@weft/canvas-model'
import type { PlacementAnswer } from './tilePlacer.ts'

/**
 * The page's test and debugging hooks, defined here once for both canvas modes (the e2e suite
 * and perf/measure.ts read them).
 */
declare global {
  interface Window {
    /** Read-only: the canvas document (shapes or tile board) as plain JSON. */
    __canvasDoc?: string
    /**
     * Sends one placement exactly as given (no client-side checks, so out-of-bounds or bad
     * colours reach the server) through the same path as a click.
     */
    __tilePlace?: (row: number, col: number, colour: number) => Promise<PlacementAnswer>
  }
}

/** Exposes `window.__canvasDoc` for this model until the returned function is called. */
export function exposeCanvasDoc(model: CanvasModel): () => void {
  Object.defineProperty(window, '__canvasDoc', {
    configurable: true,
    get: () => JSON.stringify(model.snapshot()),
  })
  return () => {
    delete window.__canvasDoc
  }
}

/** Exposes `window.__tilePlace` until the returned function is called. */
export function exposeTilePlace(place: NonNullable<Window['__tilePlace']>): () => void {
  window.__tilePlace = place
  return () => {
    delete window.__tilePlace
  }
}

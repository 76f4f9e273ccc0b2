import { useEffect, useState } from 'react'

/**
 * How far the zoom on screen may drift from the zoom the drawing was laid out at (as a ratio)
 * before it is laid out again at once: within this range a CSS scale of the drawing stands in,
 * a little soft when zooming in, and zooming out stays inside the render margin (cull.ts).
 */
export const SCALE_RANGE = { min: 0.75, max: 1.35 } as const

/** Wheel zoom comes in bursts; the drawing is redone at the exact zoom once a burst pauses. */
export const SETTLE_MS = 250

/** Whether a drawing laid out at `drawn` can no longer stand in for `shown` by scaling. */
export function mustRedraw(shown: number, drawn: number): boolean {
  const scale = shown / drawn
  return scale < SCALE_RANGE.min || scale > SCALE_RANGE.max
}

/** The zoom the drawing is laid out at, and whether the wheel burst that led there has ended. */
export type DrawnZoom = { zoom: number; settled: boolean }

/**
 * The zoom to lay the drawing out at. Re-laying out thousands of SVG shapes (text above all) and
 * painting them again costs far more than a frame, so during a wheel burst the drawing keeps its
 * zoom and is scaled on the compositor; it is laid out again when the burst pauses (`settled`)
 * or, mid-burst (not `settled`), when the scale leaves SCALE_RANGE. A mid-burst layout is
 * followed by a settled one at the same zoom once the burst pauses, so a cheaper drawing made
 * during the burst (detail.ts) never stays on screen.
 */
export function useDrawnZoom(zoom: number): DrawnZoom {
  const [drawn, setDrawn] = useState<DrawnZoom>({ zoom, settled: true })
  const redraw = mustRedraw(zoom, drawn.zoom)
  // Updating own state while rendering: React renders again straight away with the new value.
  if (redraw) setDrawn({ zoom, settled: false })
  useEffect(() => {
    if (zoom === drawn.zoom && drawn.settled) return
    const timer = setTimeout(() => setDrawn({ zoom, settled: true }), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [zoom, drawn])
  return redraw ? { zoom, settled: false } : drawn
}

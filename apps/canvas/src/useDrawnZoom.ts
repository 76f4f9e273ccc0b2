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

/**
 * The zoom to lay the drawing out at. Re-laying out thousands of SVG shapes (text above all) and
 * painting them again costs far more than a frame, so during a wheel burst the drawing keeps its
 * zoom and is scaled on the compositor; it is laid out again when the burst pauses or when the
 * scale leaves SCALE_RANGE.
 */
export function useDrawnZoom(zoom: number): number {
  const [drawn, setDrawn] = useState(zoom)
  const redraw = mustRedraw(zoom, drawn)
  // Updating own state while rendering: React renders again straight away with the new value.
  if (redraw) setDrawn(zoom)
  useEffect(() => {
    if (zoom === drawn) return
    const timer = setTimeout(() => setDrawn(zoom), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [zoom, drawn])
  return redraw ? zoom : drawn
}

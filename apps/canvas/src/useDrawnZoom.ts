import { useEffect, useState } from 'react'

/**
 * How long the zoom must rest before the drawing is laid out again at it. A wheel or pinch zoom
 * comes as a stream of small steps; during the stream the drawing is only scaled on the
 * compositor, and redrawn crisp once the stream pauses for this long (as Figma and tldraw do).
 */
export const SETTLE_MS = 150

/** The zoom the drawing is laid out at, and a way to lay it out at once (a jump, not a glide). */
export type DrawnZoom = { zoom: number; redrawAt: (zoom: number) => void }

/**
 * The zoom to lay the drawing out at. Laying out thousands of SVG shapes again (text above all),
 * or repainting the far-out canvas, costs several frames, and in the middle of a zoom gesture it
 * stalls the gesture; so the drawing keeps its zoom while the camera's changes, scaled by a CSS
 * transform (blurry when zooming in, the overview filling the edges when zooming out, see
 * OverviewLayer), and follows the camera SETTLE_MS after the last change. A jump (the reset
 * button) calls `redrawAt` in the same event, so it is drawn crisp in the same frame.
 */
export function useDrawnZoom(zoom: number): DrawnZoom {
  const [drawn, setDrawn] = useState(zoom)
  useEffect(() => {
    if (zoom === drawn) return
    const timer = setTimeout(() => setDrawn(zoom), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [zoom, drawn])
  return { zoom: drawn, redrawAt: setDrawn }
}

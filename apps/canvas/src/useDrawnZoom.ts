import { useEffect, useState } from 'react'
import type { Camera } from './geometry.ts'

/**
 * How long the camera must rest before the drawing is laid out again at its zoom. A wheel or
 * pinch zoom comes as a stream of small steps; during the stream the drawing is only scaled on
 * the compositor, and redrawn crisp once the stream pauses for this long (as Figma and tldraw do).
 */
export const SETTLE_MS = 150

/** The zoom the drawing is laid out at, and a way to lay it out at once (a jump, not a glide). */
export type DrawnZoom = { zoom: number; redrawAt: (zoom: number) => void }

/**
 * The zoom to lay the drawing out at. Laying out thousands of SVG shapes again (text above all),
 * or repainting the far-out canvas, costs several frames, and in the middle of a zoom gesture it
 * stalls the gesture; so the drawing keeps its zoom while the camera's changes, scaled by a CSS
 * transform (blurry when zooming in, the overview filling the edges when zooming out, see
 * OverviewLayer), and follows the camera SETTLE_MS after its last step. A jump (the reset
 * button) calls `redrawAt` in the same event, so it is drawn crisp in the same frame.
 *
 * The pause is timed from the camera's last step, not its zoom's last change: a wheel notch past
 * the zoom limit (10 %, 800 %) leaves the zoom as it was but is still the gesture going on, and
 * a redraw in the middle of it (a whole board to repaint far out) stalled the gesture (0208).
 */
export function useDrawnZoom(cam: Camera): DrawnZoom {
  const [drawn, setDrawn] = useState(cam.zoom)
  const zoom = cam.zoom
  // biome-ignore lint/correctness/useExhaustiveDependencies: each camera step restarts the wait
  useEffect(() => {
    if (zoom === drawn) return
    const timer = setTimeout(() => setDrawn(zoom), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [zoom, drawn, cam])
  return { zoom: drawn, redrawAt: setDrawn }
}

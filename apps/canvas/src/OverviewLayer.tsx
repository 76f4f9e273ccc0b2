import type { Shape } from '@weft/canvas-model'
import { useEffect, useRef, useState } from 'react'
import { drawnBounds } from './cull.ts'
import type { Box, Camera } from './geometry.ts'
import { placeLayer, placementCss } from './layerPlacement.ts'
import { paintShapes } from './paintShapes.ts'

/** Most pixels the overview may have (4 M, 16 MB): it only fills the edges for a moment. */
const MAX_PIXELS = 4_000_000

/**
 * How long the shapes and the camera must stay put before a changed board is painted again:
 * painting 5,000 shapes takes tens of milliseconds, which must not land inside a drag or a pan.
 */
const STILL_MS = 400

/**
 * The whole board painted small on one canvas, shown under the drawing only while a zoom gesture
 * has scaled it smaller than the screen (`shown`): zooming out past the render area would
 * otherwise leave blank edges until the drawing is laid out again at the new zoom (useDrawnZoom).
 * Painted ahead, while nothing moves, so a zoom step costs no painting at all. Until that layout
 * the middle shows both (the crisp drawing over its coarse copy): a moment, mid-gesture.
 */
export function OverviewLayer({
  shapes,
  cam,
  shown,
}: {
  shapes: readonly Shape[]
  cam: Camera
  shown: boolean
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  const [painted, setPainted] = useState<{ area: Box; scale: number } | null>(null)
  const paintedShapes = useRef<readonly Shape[] | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `cam` only delays the paint until the camera rests
  useEffect(() => {
    if (paintedShapes.current === shapes) return
    const timer = setTimeout(() => {
      const canvas = ref.current
      const ctx = canvas?.getContext('2d')
      if (!canvas || !ctx) return
      paintedShapes.current = shapes
      const area = boardArea(shapes)
      if (!area) {
        setPainted(null)
        return
      }
      const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (area.w * area.h)))
      canvas.width = Math.ceil(area.w * scale)
      canvas.height = Math.ceil(area.h * scale)
      paintShapes(ctx, shapes, area, scale)
      setPainted({ area, scale })
    }, STILL_MS)
    return () => clearTimeout(timer)
  }, [shapes, cam])
  const place = painted ? placementCss(placeLayer(painted.area, painted.scale, cam)) : undefined
  return (
    <canvas
      ref={ref}
      data-layer="overview"
      style={{
        transform: place,
        width: painted ? painted.area.w * painted.scale : 0,
        height: painted ? painted.area.h * painted.scale : 0,
        visibility: shown && painted ? 'visible' : 'hidden',
      }}
    />
  )
}

/** Everything the board draws (cull.ts's generous bounds), or null for an empty board. */
function boardArea(shapes: readonly Shape[]): Box | null {
  let x0 = Number.POSITIVE_INFINITY
  let y0 = Number.POSITIVE_INFINITY
  let x1 = Number.NEGATIVE_INFINITY
  let y1 = Number.NEGATIVE_INFINITY
  for (const s of shapes) {
    const b = drawnBounds(s)
    x0 = Math.min(x0, b.x)
    y0 = Math.min(y0, b.y)
    x1 = Math.max(x1, b.x + b.w)
    y1 = Math.max(y1, b.y + b.h)
  }
  return x0 < x1 && y0 < y1 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null
}

import type { Shape } from '@weft/canvas-model'
import { type CSSProperties, useLayoutEffect, useRef } from 'react'
import type { Box } from './geometry.ts'
import { paintShapes } from './paintShapes.ts'

/** Most pixels the canvas may have (16 M, 64 MB): 1.6 × a 4K screen at one pixel per CSS pixel. */
const MAX_PIXELS = 16_000_000

/**
 * The far-out drawing (detail.ts): `shapes` painted onto one canvas covering `area` at `zoom`,
 * placed like the SVG it replaces (same CSS transform, so a pan or a wheel step within
 * useDrawnZoom's range only moves or scales it on the compositor). Painted before the browser
 * paints (layout effect), so a redraw never shows an empty frame. Pointer hits are found by
 * geometry (hitTest.ts), as the pixels do not know their shapes.
 */
export function RasterLayer({
  shapes,
  area,
  zoom,
  style,
}: {
  shapes: readonly Shape[]
  area: Box
  zoom: number
  style: CSSProperties
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  // Crisp on high-density screens, within a pixel budget: the render area is 1.6 × the screen
  // each way, and a canvas of a big screen's device pixels would take hundreds of megabytes.
  const cssW = area.w * zoom
  const cssH = area.h * zoom
  const dpr = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_PIXELS / (cssW * cssH)))
  const width = Math.ceil(cssW * dpr)
  const height = Math.ceil(cssH * dpr)
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext('2d')
    if (ctx) paintShapes(ctx, shapes, area, zoom * dpr)
  }, [shapes, area, zoom, dpr])
  return (
    <canvas
      ref={ref}
      data-layer="raster"
      data-rendered={shapes.length}
      width={width}
      height={height}
      style={{ ...style, width: cssW, height: cssH }}
    />
  )
}

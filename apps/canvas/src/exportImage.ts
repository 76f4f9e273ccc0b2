import type { Shape } from '@weft/canvas-model'
import { createElement } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { fixedAssetUrls } from './assetStore.ts'
import { bounds } from './geometry.ts'
import { ShapeView } from './ShapeView.tsx'
import { AssetUrlsContext } from './useAssetUrl.ts'

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * Every shape drawn by the same component as the screen, into a detached SVG group. The screen
 * holds only the shapes near the viewport (cull.ts), so export draws from the model instead.
 */
function drawShapes(shapes: readonly Shape[], images: ReadonlyMap<string, string>): SVGGElement {
  const host = document.createElementNS(SVG_NS, 'g')
  // React takes the SVG namespace from the container, so the children are SVG elements.
  const root = createRoot(host)
  flushSync(() =>
    root.render(
      createElement(
        AssetUrlsContext.Provider,
        { value: fixedAssetUrls(images) },
        shapes.map((shape) => createElement(ShapeView, { key: shape.id, shape })),
      ),
    ),
  )
  const layer = host.cloneNode(true) as SVGGElement
  root.unmount()
  layer.setAttribute('data-layer', 'shapes')
  return layer
}

/**
 * The pictures of the image shapes as `data:` URLs (asset id → URL), so that an exported SVG is
 * one standalone file and the PNG rasteriser, which loads nothing from outside an SVG, has them.
 */
export async function exportedImages(
  shapes: readonly Shape[],
  blobOf: (id: string) => Promise<Blob>,
): Promise<Map<string, string>> {
  const ids = new Set(shapes.flatMap((s) => (s.type === 'image' && s.asset ? [s.asset] : [])))
  const entries = await Promise.all(
    [...ids].map(async (id) => {
      try {
        return [[id, await dataUrl(await blobOf(id))] as const]
      } catch {
        // An image whose bytes cannot be had is exported as its empty frame.
        return []
      }
    }),
  )
  return new Map(entries.flat())
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/** A standalone SVG document of all shapes (bottom first), cropped to the drawing. */
export function exportSvg(
  shapes: readonly Shape[],
  images: ReadonlyMap<string, string> = new Map(),
): string {
  const box = bounds(shapes, 16) ?? { x: 0, y: 0, w: 100, h: 100 }
  const clone = drawShapes(shapes, images)
  // The transparent hit outlines only serve pointer events on screen.
  for (const hit of clone.querySelectorAll('.hit')) hit.remove()
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('xmlns', SVG_NS)
  svg.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`)
  svg.setAttribute('width', String(Math.ceil(box.w)))
  svg.setAttribute('height', String(Math.ceil(box.h)))
  const bg = document.createElementNS(SVG_NS, 'rect')
  for (const [k, v] of Object.entries({ x: box.x, y: box.y, width: box.w, height: box.h })) {
    bg.setAttribute(k, String(v))
  }
  bg.setAttribute('fill', '#ffffff')
  svg.append(bg, clone)
  return new XMLSerializer().serializeToString(svg)
}

/** The SVG rasterised at `scale` (2 = crisp on high-density screens). */
export async function exportPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = Math.ceil(img.naturalWidth * scale)
    canvas.height = Math.ceil(img.naturalHeight * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no 2d context')
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

export function download(name: string, data: Blob | string, type = 'image/svg+xml'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

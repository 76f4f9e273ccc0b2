import type { Shape } from '@weft/canvas-model'
import { bounds } from './geometry.ts'

const SVG_NS = 'http://www.w3.org/2000/svg'

/** A standalone SVG document of the rendered shapes layer, cropped to the drawing. */
export function exportSvg(layer: SVGGElement, shapes: readonly Shape[]): string {
  const box = bounds(shapes, 16) ?? { x: 0, y: 0, w: 100, h: 100 }
  const clone = layer.cloneNode(true) as SVGGElement
  for (const hit of clone.querySelectorAll('.hit')) hit.remove()
  clone.removeAttribute('transform')
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

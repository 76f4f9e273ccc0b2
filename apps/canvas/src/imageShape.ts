import type { ShapeInit } from '@weft/canvas-model'
import type { Point } from './geometry.ts'

/** The longest side a new image gets on the board, in canvas units (at 100 % a screen pixel). */
export const MAX_IMAGE_SIDE = 640

/**
 * An image shape for a picture of `width` × `height` pixels centred on `at`: its own size, or
 * scaled down (keeping its proportions) so its longer side is MAX_IMAGE_SIDE.
 */
export function imageShape(asset: string, width: number, height: number, at: Point): ShapeInit {
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height, 1))
  const w = Math.max(1, Math.round(width * scale))
  const h = Math.max(1, Math.round(height * scale))
  return {
    type: 'image',
    x: Math.round(at.x - w / 2),
    y: Math.round(at.y - h / 2),
    w,
    h,
    asset,
    fill: 'none',
    strokeWidth: 0,
  }
}

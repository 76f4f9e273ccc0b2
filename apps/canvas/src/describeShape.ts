import type { Shape } from '@weft/canvas-model'
import { TOOLS } from './tools.ts'

/**
 * A shape in words, for the shape list and the live region (the drawing itself is an
 * aria-hidden SVG): "Rectangle, 120 by 80 at 100, 100" or "Sticky “Plan”, 160 by 120 at …".
 */
export function describeShape(s: Pick<Shape, 'type' | 'x' | 'y' | 'w' | 'h' | 'text'>): string {
  const kind =
    TOOLS.find((t) => t.tool === s.type)?.label ?? (s.type === 'image' ? 'Image' : s.type)
  const text = s.text ? ` “${s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text}”` : ''
  return `${kind}${text}, ${Math.round(s.w)} by ${Math.round(s.h)} at ${Math.round(s.x)}, ${Math.round(s.y)}`
}

/**
 * Which shape an arrow end dropped at a point binds to: the topmost shape under it that is not
 * the arrow itself nor a line or arrow (ends bind to things, not to other connectors).
 */
import { type Binding, bindingTo, type Shape } from '@weft/canvas-model'
import type { Point } from './geometry.ts'
import { shapeAt } from './hitTest.ts'

/** Canvas units of reach around a shape, so an end dropped on its outline still binds. */
const REACH = 4

export function bindingAt(shapes: readonly Shape[], p: Point, arrowId: string): Binding | null {
  const targets = shapes.filter((s) => s.id !== arrowId && s.type !== 'line' && s.type !== 'arrow')
  const target = shapeAt(targets, p, REACH)
  return target ? bindingTo(target, p) : null
}

import type { Shape } from '@weft/canvas-model'

/** A 100 × 50 rectangle at the origin (z-order = id) with `patch` applied: for unit tests. */
export function testShape(id: string, patch: Partial<Shape> = {}): Shape {
  return {
    id,
    type: 'rect',
    x: 0,
    y: 0,
    w: 100,
    h: 50,
    rotation: 0,
    z: id,
    stroke: '#000',
    fill: 'none',
    strokeWidth: 2,
    points: [],
    text: '',
    fontSize: 20,
    ...patch,
  }
}

import type { Shape } from './types.ts'

/** Paint order: z key, ties (concurrent "to front" on two replicas) broken by id. */
export function compareShapes(a: Pick<Shape, 'z' | 'id'>, b: Pick<Shape, 'z' | 'id'>): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

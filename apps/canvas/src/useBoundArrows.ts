import { resolveArrow, type Shape, sameShape } from '@weft/canvas-model'
import { useMemo, useRef } from 'react'

/**
 * The shapes as drawn: bound arrows with their ends on their shapes as they are now
 * (@weft/canvas-model bindings.ts). The same array when nothing is bound; a bound arrow keeps its
 * object while its drawn geometry does not change, so memoised views skip it.
 */
export function useBoundArrows(shapes: readonly Shape[]): readonly Shape[] {
  const previous = useRef(new Map<string, Shape>())
  return useMemo(() => {
    if (!shapes.some((s) => s.startBinding || s.endBinding)) {
      previous.current = new Map()
      return shapes
    }
    const byId = new Map(shapes.map((s) => [s.id, s]))
    const next = new Map<string, Shape>()
    const out = shapes.map((s) => {
      const drawn = resolveArrow(s, (id) => byId.get(id) ?? null)
      if (drawn === s) return s
      const before = previous.current.get(s.id)
      const kept = before && sameShape(before, drawn) ? before : drawn
      next.set(s.id, kept)
      return kept
    })
    previous.current = next
    return out
  }, [shapes])
}

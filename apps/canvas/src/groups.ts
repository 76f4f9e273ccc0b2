/**
 * Groups in the selection, apart from React: a click or a marquee on a grouped shape takes its
 * whole group, except inside the group the user has entered (double-click), where shapes are
 * picked one by one. Groups are flat: grouping shapes of other groups makes one new group.
 */
import type { Shape } from '@weft/canvas-model'

/** Every group's members, in paint order. */
export function groupIndex(shapes: readonly Shape[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const s of shapes) {
    if (!s.group) continue
    const members = out.get(s.group)
    if (members) members.push(s.id)
    else out.set(s.group, [s.id])
  }
  return out
}

/** What picking `shape` takes: its whole group, or only it (ungrouped, or its group entered). */
export function pickTarget(
  index: ReadonlyMap<string, string[]>,
  shape: Pick<Shape, 'id' | 'group'>,
  entered: string | null,
): string[] {
  if (!shape.group || shape.group === entered) return [shape.id]
  return index.get(shape.group) ?? [shape.id]
}

/** `ids` grown to whole groups (members of the entered group stay single), without repeats. */
export function withGroups(
  index: ReadonlyMap<string, string[]>,
  shapeOf: (id: string) => Pick<Shape, 'id' | 'group'> | null,
  ids: readonly string[],
  entered: string | null,
): string[] {
  const out = new Set<string>()
  for (const id of ids) {
    const s = shapeOf(id)
    if (!s) continue
    for (const m of pickTarget(index, s, entered)) out.add(m)
  }
  return [...out]
}

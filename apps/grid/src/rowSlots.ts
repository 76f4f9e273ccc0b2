/**
 * Which row element (slot) shows each row on screen. A row that stays on screen keeps its slot;
 * a row coming into view takes a slot that a row leaving it gave up, so React updates that
 * element's text in place instead of creating a row of elements and removing another. Slots are
 * the smallest numbers free, so there are never more than the most rows shown at once, and
 * GridView renders them in slot order: an element never moves in the DOM (a move re-creates its
 * layout and style as a new element would).
 */
export function assignSlots(
  previous: ReadonlyMap<number, number>,
  indices: readonly number[],
): Map<number, number> {
  const slots = new Map<number, number>()
  const taken = new Set<number>()
  for (const index of indices) {
    const slot = previous.get(index)
    if (slot === undefined) continue
    slots.set(index, slot)
    taken.add(slot)
  }
  let free = 0
  for (const index of indices) {
    if (slots.has(index)) continue
    while (taken.has(free)) free++
    slots.set(index, free)
    taken.add(free)
  }
  return slots
}

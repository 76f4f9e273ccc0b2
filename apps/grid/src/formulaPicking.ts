/**
 * Pointing at cells while typing a formula, as in Google Sheets and Excel: after `=A1+` a click
 * or an arrow key puts a reference at the caret instead of leaving the editor; pointing again
 * replaces that same reference, until the user types something else.
 */

/** Where the reference placed by pointing sits in the editor's text. */
export type Pick = { start: number; end: number }

// An operand may start after one of these (spaces allowed in between).
const OPERAND_START = /[=(,+\-*/^&<>:;]\s*$/

/** Whether the caret is where a reference can go: in a formula, after an operator, outside quotes. */
export function canPick(text: string, caret: number): boolean {
  if (!text.startsWith('=')) return false
  const before = text.slice(0, caret)
  const quotes = before.split('"').length - 1
  if (quotes % 2 === 1) return false
  return OPERAND_START.test(before)
}

/** `ref` placed at the caret, or over the reference pointed at just before. */
export function placeRef(
  text: string,
  caret: number,
  pick: Pick | null,
  ref: string,
): { text: string; pick: Pick } {
  const start = pick ? pick.start : caret
  const end = pick ? pick.end : caret
  return {
    text: text.slice(0, start) + ref + text.slice(end),
    pick: { start, end: start + ref.length },
  }
}

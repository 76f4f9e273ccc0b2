/**
 * True when both maps hold the same files with the same contents. A late sync or a seed that
 * another client already applied fires the texts' observers without changing a character; a new
 * map then would rebuild the preview, and a rebuilt page starts over (a counter clicked back to 0,
 * a form emptied) while nothing was edited.
 */
export function sameTexts(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false
  for (const [path, text] of a) {
    if (b.get(path) !== text) return false
  }
  return true
}

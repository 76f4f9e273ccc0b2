/** Why a file or folder name is refused, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return 'A name cannot be empty'
  if (name !== name.trim()) return 'A name cannot start or end with spaces'
  if (name.includes('/') || name.includes('\\')) return 'A name cannot contain / or \\'
  if (name === '.' || name === '..') return 'A name cannot be . or ..'
  if (name.length > 255) return 'A name is at most 255 characters'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f]/.test(name)) return 'A name cannot contain control characters'
  return null
}

/**
 * How a sheet name is written in a formula, as in Sheets and Excel: bare when it reads as one
 * word that is not itself a cell address, else in single quotes with quotes doubled.
 */
export function quoteSheetName(name: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
  return bare ? name : `'${name.replace(/'/g, "''")}'`
}

/** Characters Excel refuses in a sheet name; refused here too so an XLSX export keeps names. */
const FORBIDDEN = /[[\]*?/\\:]/
export const MAX_SHEET_NAME = 100

/** Why `name` cannot name a sheet, or null when it can. `taken` holds the other sheets' names. */
export function sheetNameProblem(name: string, taken: readonly string[]): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return 'A sheet name cannot be empty.'
  if (trimmed.length > MAX_SHEET_NAME)
    return `A sheet name has at most ${MAX_SHEET_NAME} characters.`
  if (FORBIDDEN.test(trimmed)) return 'A sheet name cannot contain [ ] * ? / \\ or :.'
  if (taken.some((t) => t.toLowerCase() === trimmed.toLowerCase())) {
    return `There is already a sheet named “${trimmed}”.`
  }
  return null
}

import { columnIndex, columnLetter } from './a1.ts'
import { A1_REF, isFormula, mapCode } from './formulaRefs.ts'

/**
 * A formula (as the user sees it, in A1) moved by (dRow, dCol), as copy/paste and fill do in
 * every spreadsheet: relative parts of each reference shift, `$` parts stay. A reference pushed
 * off the sheet's top or left edge becomes #REF!. Text that is not a formula is returned as is.
 */
export function shiftFormula(text: string, dRow: number, dCol: number): string {
  if (!isFormula(text) || (dRow === 0 && dCol === 0)) return text
  return mapCode(text, (code) =>
    code.replace(A1_REF, (_w, lead: string, colAbs: string, letters: string, rowAbs, digits) => {
      const col = columnIndex(letters.toUpperCase()) + (colAbs ? 0 : dCol)
      const row = Number(digits) - 1 + (rowAbs ? 0 : dRow)
      if (col < 0 || row < 0) return `${lead}#REF!`
      return `${lead}${colAbs}${columnLetter(col)}${rowAbs}${row + 1}`
    }),
  )
}

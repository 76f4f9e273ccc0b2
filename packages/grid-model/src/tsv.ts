/**
 * Tab-separated text as spreadsheets put on and read from the clipboard:
 * fields holding a tab, newline or quote are wrapped in quotes, with quotes
 * doubled. Google Sheets, Excel and LibreOffice all read and write this.
 */

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((f) => quoteField(f, '\t')).join('\t')).join('\n')
}

/** CSV as RFC 4180 writes it (CRLF between records), what spreadsheets import and export. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((f) => quoteField(f, ',')).join(',')).join('\r\n')
}

function quoteField(field: string, separator: string): string {
  if (!field.includes(separator) && !/[\n\r"]/.test(field)) return field
  return `"${field.replaceAll('"', '""')}"`
}

export function parseTsv(text: string): string[][] {
  return parseDelimited(text, '\t')
}

export function parseCsv(text: string): string[][] {
  // A byte order mark, as Excel writes it, is not part of the first field.
  return parseDelimited(text.startsWith('\uFEFF') ? text.slice(1) : text, ',')
}

function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let atFieldStart = true
  while (i < text.length) {
    const ch = text[i] as string
    if (atFieldStart && ch === '"') {
      // Quoted field: runs to the closing quote, which must end the field.
      const close = findClosingQuote(text, i + 1)
      const after = text[close + 1]
      if (
        close >= 0 &&
        (after === undefined || after === separator || after === '\n' || after === '\r')
      ) {
        field = text.slice(i + 1, close).replaceAll('""', '"')
        i = close + 1
        atFieldStart = false
        continue
      }
    }
    atFieldStart = false
    if (ch === separator) {
      row.push(field)
      field = ''
      atFieldStart = true
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      atFieldStart = true
      if (ch === '\r' && text[i + 1] === '\n') i++
    } else {
      field += ch
    }
    i++
  }
  // A trailing newline ends the last row rather than starting an empty one.
  if (!atFieldStart || row.length > 0 || field !== '') {
    row.push(field)
    rows.push(row)
  }
  return rows
}

function findClosingQuote(text: string, from: number): number {
  let i = from
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') i += 2
      else return i
    } else i++
  }
  return -1
}

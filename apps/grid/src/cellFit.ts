/**
 * Whether a cell's text surely fits its cell, so the cell needs no clip (decision 0206). A cell
 * clips its text (`overflow: hidden`, with an ellipsis) only when it may not fit: every clip is a
 * node of the browser's paint property trees, and a flick paints ~800 new cells a frame, so a
 * clip on each doubled the frame's paint and layerize time. A text that fits looks the same
 * clipped or not.
 *
 * The test is an upper bound: the sum of the widths of the text's characters, each measured once
 * in the page in the cell's own font (plain and numeric), plus a margin for kerning. A character
 * not measured (anything beyond printable ASCII) means "may not fit": that cell clips as before.
 */

/** Widths in px of the printable ASCII characters, indexed by char code; one table per cell kind. */
export type GlyphWidths = { plain: Float64Array; num: Float64Array }

const FIRST = 0x20
const LAST = 0x7e
/** The cell's horizontal padding and right border (styles.css .cell, border-box sizing). */
const CELL_CHROME = 6 + 6 + 1
/** Kerning and subpixel rounding: a text must fit this much under the room it has. */
const MARGIN_PX = 2
const MARGIN_RATIO = 1.03

export function textFits(
  text: string,
  cellWidth: number,
  numeric: boolean,
  glyphs: GlyphWidths | null,
): boolean {
  if (text === '') return true
  if (!glyphs) return false
  const table = numeric ? glyphs.num : glyphs.plain
  let width = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < FIRST || code > LAST) return false
    width += table[code] ?? Number.POSITIVE_INFINITY
  }
  return width * MARGIN_RATIO + MARGIN_PX <= cellWidth - CELL_CHROME
}

/**
 * Measures the printable ASCII characters in cells as the sheet shows them: hidden cells of both
 * kinds inside `host` (so they inherit its font), one span a character, read in one layout.
 */
export function measureGlyphWidths(host: HTMLElement): GlyphWidths {
  const probe = document.createElement('div')
  probe.setAttribute('aria-hidden', 'true')
  probe.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden;pointer-events:none'
  const kinds = ['cell', 'cell num'].map((className) => {
    const cell = document.createElement('div')
    cell.className = className
    // `pre`: a space is measured as in a text, not dropped at the start of the line.
    cell.style.cssText = 'width:auto;overflow:visible;white-space:pre'
    const spans: HTMLSpanElement[] = []
    for (let code = FIRST; code <= LAST; code++) {
      const span = document.createElement('span')
      span.textContent = String.fromCharCode(code)
      spans.push(span)
      cell.append(span)
    }
    probe.append(cell)
    return spans
  })
  host.append(probe)
  const [plain, num] = kinds.map((spans) => {
    const table = new Float64Array(LAST + 1).fill(Number.POSITIVE_INFINITY)
    spans.forEach((span, i) => {
      table[FIRST + i] = span.getBoundingClientRect().width
    })
    return table
  }) as [Float64Array, Float64Array]
  probe.remove()
  return { plain, num }
}

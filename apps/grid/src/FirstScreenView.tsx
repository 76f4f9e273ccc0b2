// biome-ignore-all lint/a11y/useSemanticElements: the same ARIA grid as GridView, whose place it holds until the sheet has loaded.
// biome-ignore-all lint/a11y/useFocusableInteractive: a read-only picture of the sheet: nothing in it takes focus.
import { cellAddress, columnLetter, type FirstScreen } from '@weft/grid-model'
import { useEffect } from 'react'
import { ROW_HEADER_WIDTH, ROW_HEIGHT } from './geometry.ts'
import { HeaderCorner } from './HeaderCorner.tsx'
import { spillWidth } from './spill.ts'

/**
 * The sheet's first screen from the node (firstScreen.ts), drawn as GridView draws the sheet
 * (same classes and cell addresses) while the full document is still loading. Read-only: there
 * is no editor, no selection and no Yjs document behind it, so no keystroke can be taken and
 * lost; the status line says that editing opens once the sheet has loaded. `onPainted` is
 * called after the first frame showing it: the app opens its WebSocket only then, because
 * applying a large first sync blocks the page for seconds.
 */
export function FirstScreenView({
  screen,
  onPainted,
}: {
  screen: FirstScreen
  onPainted: () => void
}) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(onPainted, 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [onPainted])
  const widths = screen.columns.map((c) => c.width)
  const bodyWidth = widths.reduce((a, b) => a + b, 0)
  return (
    <div className="first-screen">
      <p className="first-screen-status" role="status" data-testid="first-screen-status">
        Loading the sheet… you can read it now; editing opens when it has loaded.
      </p>
      <div
        className="grid-scroll"
        data-testid="first-screen"
        role="grid"
        aria-label="Sheet (loading, read-only)"
        aria-readonly="true"
        aria-busy="true"
        aria-rowcount={screen.rowCount + 1}
        aria-colcount={screen.colCount + 1}
      >
        <div style={{ width: ROW_HEADER_WIDTH + bodyWidth, minWidth: '100%' }}>
          <div className="grid-header" role="row" aria-rowindex={1}>
            <HeaderCorner />
            {screen.columns.map((column, i) => (
              <div
                key={column.id}
                role="columnheader"
                aria-colindex={i + 2}
                className="col-header"
                style={{ width: column.width }}
                data-col={columnLetter(i)}
              >
                <span className="col-letter">
                  <span className="visually-hidden">Column </span>
                  {columnLetter(i)}
                </span>
                {column.name && <span className="col-name">{column.name}</span>}
              </div>
            ))}
          </div>
          <div className="grid-body" style={{ height: screen.rowCount * ROW_HEIGHT }}>
            {screen.rows.map((row, r) => (
              <div
                key={row.id}
                className="grid-row"
                role="row"
                aria-rowindex={r + 2}
                style={{ transform: `translateY(${r * ROW_HEIGHT}px)` }}
              >
                <div className="row-header" role="rowheader" aria-colindex={1}>
                  {r + 1}
                </div>
                {row.cells.map((cell, c) => {
                  const spill =
                    cell.kind === '' && cell.text !== ''
                      ? spillWidth(widths, c, (i) => row.cells[i]?.text ?? '')
                      : 0
                  return (
                    <div
                      key={screen.columns[c]?.id ?? c}
                      role="gridcell"
                      aria-colindex={c + 2}
                      className={`cell${cell.kind ? ` ${cell.kind}` : ''}${spill ? ' spills' : ''}`}
                      style={{ width: widths[c] }}
                      data-cell={cellAddress(r, c)}
                    >
                      {spill ? (
                        <span className="spill" style={{ width: spill }}>
                          {cell.text}
                        </span>
                      ) : (
                        cell.text
                      )}
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}

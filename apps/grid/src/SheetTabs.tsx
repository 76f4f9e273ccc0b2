import type { Identity } from '@weft/client'
import type { SheetInfo, Workbook } from '@weft/grid-model'
import { announce } from '@weft/react'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { DeleteSheetDialog } from './DeleteSheetDialog.tsx'

type Props = {
  workbook: Workbook
  active: string
  onActivate: (sheetId: string) => void
  readOnly: boolean
  /** Other people, by the sheet they have open: a dot of their colour on its tab. */
  here: ReadonlyMap<string, readonly Identity[]>
}

/**
 * The tab strip under the sheet, as in Sheets: one tab per sheet (a tablist: arrows move between
 * tabs, Enter or F2 or a double click renames in place, Delete asks before deleting,
 * Alt+Shift+arrows move the tab), drag a tab to reorder, "+" adds a sheet, and deleted sheets
 * can be restored. Everything here is a document write, so every user sees it at once.
 */
export function SheetTabs({ workbook, active, onActivate, readOnly, here }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [menuOpen, setMenuOpen] = useState(false)
  const [deleting, setDeleting] = useState<SheetInfo | null>(null)
  const [restoreOpen, setRestoreOpen] = useState(false)
  const [dragged, setDragged] = useState<string | null>(null)
  const tabs = useRef(new Map<string, HTMLButtonElement>())
  // Enter or Escape ended the rename: the blur of the input going away must not commit again.
  const renameDone = useRef(false)
  // Read at each render: the parent renders on every change of the document.
  const sheets = workbook.sheets()
  const deleted = readOnly ? [] : workbook.deletedSheets()
  const activeIndex = Math.max(
    0,
    sheets.findIndex((s) => s.id === active),
  )
  const current = sheets[activeIndex]

  // A tab just added or restored is drawn at the next render: wait a few frames for it.
  const focusTab = (id: string, frames = 10) =>
    requestAnimationFrame(() => {
      const tab = tabs.current.get(id)
      if (tab) tab.focus()
      else if (frames > 0) focusTab(id, frames - 1)
    })

  const activate = (index: number) => {
    const sheet = sheets[(index + sheets.length) % sheets.length]
    if (!sheet) return
    onActivate(sheet.id)
    focusTab(sheet.id)
  }

  const move = (sheet: SheetInfo, to: number) => {
    if (to < 0 || to >= sheets.length) return
    workbook.moveSheet(sheet.id, to)
    announce(`${sheet.name} moved to position ${to + 1}`)
    focusTab(sheet.id)
  }

  const add = () => {
    const id = workbook.addSheet()
    onActivate(id)
    announce(`${workbook.info(id).name} added`)
    focusTab(id)
  }

  const startRename = (id: string) => {
    renameDone.current = false
    setProblem(null)
    setRenaming(id)
  }

  /** True when the rename is over (done, or nothing to do); false when the name was refused. */
  const commitRename = (sheet: SheetInfo, name: string): boolean => {
    const why = name.trim() === sheet.name ? null : workbook.renameSheet(sheet.id, name)
    setProblem(why)
    if (why) return false
    setRenaming(null)
    focusTab(sheet.id)
    return true
  }

  const confirmDelete = () => {
    if (!deleting) return
    const index = sheets.findIndex((s) => s.id === deleting.id)
    if (workbook.deleteSheet(deleting.id)) {
      announce(`${deleting.name} deleted. Restore it from Deleted sheets, or press Ctrl+Z.`)
      const next = sheets.filter((s) => s.id !== deleting.id)[Math.max(0, index - 1)]
      if (next) activate(sheets.indexOf(next))
    }
    setDeleting(null)
  }

  const onTabKey = (e: KeyboardEvent, sheet: SheetInfo, index: number) => {
    if (e.altKey && e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault()
      if (!readOnly) move(sheet, index + (e.key === 'ArrowLeft' ? -1 : 1))
      return
    }
    const editing = !readOnly
    switch (e.key) {
      case 'ArrowLeft':
        activate(index - 1)
        break
      case 'ArrowRight':
        activate(index + 1)
        break
      case 'Home':
        activate(0)
        break
      case 'End':
        activate(sheets.length - 1)
        break
      case 'Enter':
      case 'F2':
        if (!editing) return
        startRename(sheet.id)
        break
      case 'Delete':
        if (!editing || sheets.length <= 1) return
        setDeleting(sheet)
        break
      default:
        return
    }
    e.preventDefault()
  }

  // A tab deleted by someone else while its menu was open: close the menu.
  useEffect(() => {
    if (!current) setMenuOpen(false)
  }, [current])

  return (
    <nav className="sheet-tabs" aria-label="Sheets" data-testid="sheet-tabs">
      {!readOnly && (
        <button type="button" className="add-sheet" onClick={add} title="Add a sheet">
          <span aria-hidden="true">+</span>
          <span className="visually-hidden">Add sheet</span>
        </button>
      )}
      <div role="tablist" aria-label="Sheets" className="tablist">
        {sheets.map((sheet, index) =>
          renaming === sheet.id ? (
            <span key={sheet.id} className="tab-rename">
              <input
                // biome-ignore lint/a11y/noAutofocus: a rename starts where the tab was.
                autoFocus
                aria-label="Sheet name"
                aria-invalid={problem !== null}
                aria-describedby={problem ? 'sheet-name-problem' : undefined}
                defaultValue={sheet.name}
                onFocus={(e) => e.currentTarget.select()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    renameDone.current = commitRename(sheet, e.currentTarget.value)
                  }
                  if (e.key === 'Escape') {
                    renameDone.current = true
                    setRenaming(null)
                    setProblem(null)
                    focusTab(sheet.id)
                  }
                }}
                onBlur={(e) => {
                  if (!renameDone.current) commitRename(sheet, e.currentTarget.value)
                }}
              />
              {problem && (
                <span id="sheet-name-problem" role="alert" className="tab-problem">
                  {problem}
                </span>
              )}
            </span>
          ) : (
            <button
              key={sheet.id}
              ref={(el) => {
                if (el) tabs.current.set(sheet.id, el)
                else tabs.current.delete(sheet.id)
              }}
              type="button"
              role="tab"
              aria-selected={sheet.id === current?.id}
              tabIndex={sheet.id === current?.id ? 0 : -1}
              className={`tab${dragged === sheet.id ? ' dragging' : ''}`}
              data-sheet={sheet.name}
              title={peopleOn(here, sheet.id)}
              draggable={!readOnly}
              onClick={() => onActivate(sheet.id)}
              onDoubleClick={() => !readOnly && startRename(sheet.id)}
              onKeyDown={(e) => onTabKey(e, sheet, index)}
              onDragStart={(e) => {
                e.dataTransfer.setData('text/x-weft-sheet', sheet.id)
                e.dataTransfer.effectAllowed = 'move'
                setDragged(sheet.id)
              }}
              onDragEnd={() => setDragged(null)}
              onDragOver={(e) => {
                if (dragged) e.preventDefault()
              }}
              onDrop={(e) => {
                e.preventDefault()
                const moving = sheets.find((s) => s.id === dragged)
                setDragged(null)
                if (moving && moving.id !== sheet.id) move(moving, index)
              }}
            >
              {sheet.name}
              {here.get(sheet.id)?.map((person) => (
                <span
                  key={person.id}
                  className="tab-person"
                  aria-hidden="true"
                  style={{ background: person.color }}
                />
              ))}
            </button>
          ),
        )}
      </div>
      {!readOnly && current && (
        <div className="sheet-menu">
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls="sheet-menu-items"
            onClick={() => setMenuOpen((o) => !o)}
            title={`Actions for ${current.name}`}
          >
            {current.name} ▾
          </button>
          {menuOpen && (
            // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the group of buttons.
            <div
              id="sheet-menu-items"
              className="sheet-menu-items"
              onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
            >
              {(
                [
                  ['Rename', () => startRename(current.id), false],
                  ['Move left', () => move(current, activeIndex - 1), activeIndex === 0],
                  [
                    'Move right',
                    () => move(current, activeIndex + 1),
                    activeIndex === sheets.length - 1,
                  ],
                  ['Delete…', () => setDeleting(current), sheets.length <= 1],
                ] as const
              ).map(([label, run, disabled]) => (
                <button
                  key={label}
                  type="button"
                  disabled={disabled}
                  onClick={() => {
                    setMenuOpen(false)
                    run()
                  }}
                >
                  {label}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {deleted.length > 0 && (
        <div className="sheet-menu">
          <button
            type="button"
            aria-expanded={restoreOpen}
            aria-controls="deleted-sheets"
            onClick={() => setRestoreOpen((o) => !o)}
          >
            Deleted sheets ({deleted.length})
          </button>
          {restoreOpen && (
            <ul id="deleted-sheets" className="sheet-menu-items" aria-label="Deleted sheets">
              {deleted.map((sheet) => (
                <li key={sheet.id}>
                  <button
                    type="button"
                    onClick={() => {
                      workbook.restoreSheet(sheet.id)
                      setRestoreOpen(false)
                      onActivate(sheet.id)
                      announce(`${workbook.info(sheet.id).name} restored`)
                      focusTab(sheet.id)
                    }}
                  >
                    Restore {sheet.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <DeleteSheetDialog
        name={deleting?.name ?? null}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </nav>
  )
}

/** "Bob and Cy are here": the tab's tooltip when others have it open. */
function peopleOn(here: ReadonlyMap<string, readonly Identity[]>, sheetId: string) {
  const names = here.get(sheetId)?.map((p) => p.name) ?? []
  if (names.length === 0) return undefined
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  return `${list} ${names.length === 1 ? 'is' : 'are'} here`
}

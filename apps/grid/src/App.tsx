import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import type { Identity } from '@weft/client'
import { type FirstScreen, MAIN_SHEET } from '@weft/grid-model'
import {
  AppShell,
  announce,
  ConnectionProblem,
  HistoryPanel,
  HistoryToggle,
  ShareButton,
  TitleEditor,
  useAccess,
  useCollabDocument,
  useDocumentTitle,
  useVersionPreview,
  VersionBanner,
  ViewOnlyBadge,
} from '@weft/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ActivityPanel } from './ActivityPanel.tsx'
import { bringBackRow, rowIsLive } from './bringBackRow.ts'
import { ConflictToasts } from './ConflictToasts.tsx'
import { FirstScreenView } from './FirstScreenView.tsx'
import { GridView } from './GridView.tsx'
import { disposePastGrid, loadPastGrid } from './pastGrid.ts'
import type { RemoteSelection } from './SelectionBox.tsx'
import { SheetTabs } from './SheetTabs.tsx'
import type { Selection } from './selection.ts'
import { Toolbar } from './Toolbar.tsx'
import { useAnnounceCellEdits } from './useAnnounceCellEdits.ts'
import { useFirstScreen } from './useFirstScreen.ts'
import { type LostRace, useOverwrites } from './useOverwrites.ts'
import { useWorkbook } from './useWorkbook.ts'

type AwarenessState = {
  selection?: Selection | null
  lostRace?: LostRace | null
  /** The sheet this user has open (absent: the first, as clients from before sheets). */
  sheet?: string
}

export function App({
  docId,
  firstScreen = null,
}: {
  docId: string
  /** The node's first screen of the sheet, asked for by main.tsx (null: none asked for). */
  firstScreen?: Promise<FirstScreen | null> | null
}) {
  const documentName = `grid:${docId}`
  const early = useFirstScreen(firstScreen)
  const { session, provider, synced, status, version, users, online } =
    useCollabDocument<AwarenessState>(documentName, { connect: early.connect })
  const readOnly = useAccess(provider) === 'read'
  const book = useWorkbook(provider, synced)
  const [chosenSheet, setChosenSheet] = useState(MAIN_SHEET)
  // A sheet deleted by someone else while open: show the first one instead. Read from the
  // document at each render (a sheet just added is live before the next version tick).
  const activeSheet =
    !book || book.workbook.isLive(chosenSheet)
      ? chosenSheet
      : (book.workbook.sheets()[0]?.id ?? MAIN_SHEET)
  const grid = book?.grid(activeSheet) ?? null
  const overwrites = useOverwrites(grid, session.identity.id, provider, users)

  const [selection, setSelection] = useState<Selection | null>(null)
  // View state is local on purpose: my sort or filter never reorders anyone else's sheet.
  const [sorting, setSorting] = useState<SortingState>([])
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([])
  const [draft, setDraft] = useState<string | null>(null)
  const [activityOpen, setActivityOpen] = useState(false)
  const activityToggle = useRef<HTMLButtonElement>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const historyToggle = useRef<HTMLButtonElement>(null)
  const title = useDocumentTitle(documentName, session.token, provider?.document ?? null)
  const shownTitle = title.title ?? docId
  const preview = useVersionPreview(
    documentName,
    session.token,
    useCallback(
      (version: string) => loadPastGrid(documentName, session.token, version),
      [documentName, session.token],
    ),
    disposePastGrid,
  )
  const past = preview.viewing?.content.grid(activeSheet) ?? null
  const [pastSelection, setPastSelection] = useState<Selection | null>(null)
  const pastRow = pastSelection?.focus.rowId ?? null
  // Rows of past versions already brought back (each comes back as a new row, once).
  const [broughtBack, setBroughtBack] = useState<ReadonlySet<string>>(new Set())

  useAnnounceCellEdits(grid, selection?.focus, version, session.identity.id)

  useEffect(() => {
    provider?.setAwarenessField('selection', selection)
  }, [provider, selection])
  useEffect(() => {
    provider?.setAwarenessField('sheet', activeSheet)
  }, [provider, activeSheet])

  // Others' selections on the sheet shown here (row and column ids repeat across sheets).
  const remote: RemoteSelection[] = useMemo(
    () =>
      users.flatMap((u) =>
        !u.isLocal && u.state.selection && (u.state.sheet ?? MAIN_SHEET) === activeSheet
          ? [{ clientId: u.clientId, user: u.user, selection: u.state.selection }]
          : [],
      ),
    [users, activeSheet],
  )

  // Who has which sheet open, for the dots on the tabs (one entry per person).
  const here = useMemo(() => {
    const map = new Map<string, Identity[]>()
    for (const u of users) {
      if (u.isLocal) continue
      const sheet = u.state.sheet ?? MAIN_SHEET
      const list = map.get(sheet) ?? []
      if (!list.some((p) => p.id === u.user.id)) list.push(u.user)
      map.set(sheet, list)
    }
    return map
  }, [users])

  // A view (selection, my sort and filter) belongs to one sheet.
  const openSheet = useCallback((id: string) => {
    setChosenSheet(id)
    setSelection(null)
    setPastSelection(null)
    setSorting([])
    setColumnFilters([])
  }, [])
  // The open sheet was deleted by someone: its view goes with it.
  useEffect(() => {
    if (activeSheet !== chosenSheet) openSheet(activeSheet)
  }, [activeSheet, chosenSheet, openSheet])

  const cycleSort = useCallback((colId: string) => {
    setSorting((s) => {
      const cur = s.find((x) => x.id === colId)
      if (!cur) return [{ id: colId, desc: false }]
      if (!cur.desc) return [{ id: colId, desc: true }]
      return []
    })
  }, [])

  return (
    <AppShell
      brand="Weft Grid"
      home="/grid/"
      docName={shownTitle}
      docTitle={documentName}
      title={<TitleEditor shown={shownTitle} documentName={documentName} title={title} />}
      status={status}
      session={session}
      users={users}
      online={online}
      peopleLabel="People in this grid"
      actions={
        <>
          {readOnly && <ViewOnlyBadge />}
          <ShareButton documentName={documentName} token={session.token} users={users} />
          <button
            ref={activityToggle}
            type="button"
            className={activityOpen ? 'on' : ''}
            aria-pressed={activityOpen}
            onClick={() => setActivityOpen((o) => !o)}
            data-testid="activity-toggle"
          >
            Activity
          </button>
          <HistoryToggle
            open={historyOpen}
            onOpenChange={(open) => {
              if (!open) preview.close()
              setHistoryOpen(open)
            }}
            buttonRef={historyToggle}
          />
        </>
      }
      loading={<ConnectionProblem status={status} loading="Loading sheet…" />}
      overlay={
        <ConflictToasts items={overwrites.items} grid={grid} onDismiss={overwrites.dismiss} />
      }
    >
      {grid && synced ? (
        <>
          <VersionBanner preview={preview} noun="version">
            {past && pastRow && !rowIsLive(grid.model, pastRow) && !broughtBack.has(pastRow) && (
              <button
                type="button"
                data-testid="bring-back-row"
                onClick={() => {
                  if (bringBackRow(grid.model, past.model, pastRow, session.identity)) {
                    setBroughtBack((rows) => new Set(rows).add(pastRow))
                    announce('Row brought back into the live sheet')
                  }
                }}
              >
                Bring back this row
              </button>
            )}
          </VersionBanner>
          {past || !book ? null : (
            <Toolbar
              grid={grid}
              workbook={book.workbook}
              onOpenSheet={openSheet}
              identity={session.identity}
              selection={selection}
              onSelection={setSelection}
              sorting={sorting}
              onClearSort={() => setSorting([])}
              columnFilters={columnFilters}
              onFilters={setColumnFilters}
              readOnly={readOnly}
              draft={draft}
              fileName={docId}
            />
          )}
          <div className="main">
            {past ? (
              <GridView
                key={`${preview.viewing?.session.id}:${activeSheet}`}
                grid={past}
                version={0}
                identity={session.identity}
                selection={pastSelection}
                onSelection={setPastSelection}
                remote={[]}
                sorting={[]}
                columnFilters={[]}
                onSort={() => {}}
                readOnly
              />
            ) : (
              <GridView
                key={activeSheet}
                grid={grid}
                version={version}
                identity={session.identity}
                selection={selection}
                onSelection={setSelection}
                remote={remote}
                sorting={sorting}
                columnFilters={columnFilters}
                onSort={cycleSort}
                readOnly={readOnly}
                onDraft={setDraft}
              />
            )}
            {historyOpen && (
              <HistoryPanel
                documentName={documentName}
                token={session.token}
                doc={grid.doc}
                selected={preview.viewing?.session.id ?? preview.loading?.id ?? null}
                onSelect={(picked) => {
                  setPastSelection(null)
                  preview.open(picked)
                }}
                onClose={() => {
                  preview.close()
                  setHistoryOpen(false)
                  historyToggle.current?.focus()
                }}
              />
            )}
            {activityOpen && (
              <ActivityPanel
                documentName={documentName}
                token={session.token}
                doc={grid.doc}
                onClose={() => {
                  setActivityOpen(false)
                  // The panel's × is gone with the panel: focus goes back to what opened it.
                  activityToggle.current?.focus()
                }}
              />
            )}
          </div>
          {book && (
            <SheetTabs
              workbook={book.workbook}
              active={activeSheet}
              onActivate={openSheet}
              readOnly={readOnly || past !== null}
              here={here}
            />
          )}
        </>
      ) : (
        early.screen && <FirstScreenView screen={early.screen} onPainted={early.onPainted} />
      )}
    </AppShell>
  )
}

import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
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
import { GridView } from './GridView.tsx'
import { disposePastGrid, loadPastGrid } from './pastGrid.ts'
import type { RemoteSelection } from './SelectionBox.tsx'
import type { Selection } from './selection.ts'
import { Toolbar } from './Toolbar.tsx'
import { useAnnounceCellEdits } from './useAnnounceCellEdits.ts'
import { useGrid } from './useGrid.ts'
import { type LostRace, useOverwrites } from './useOverwrites.ts'

type AwarenessState = { selection?: Selection | null; lostRace?: LostRace | null }

export function App({ docId }: { docId: string }) {
  const documentName = `grid:${docId}`
  const { session, provider, synced, status, version, users, online } =
    useCollabDocument<AwarenessState>(documentName)
  const readOnly = useAccess(provider) === 'read'
  const grid = useGrid(provider, synced)
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
  const past = preview.viewing?.content ?? null
  const [pastSelection, setPastSelection] = useState<Selection | null>(null)
  const pastRow = pastSelection?.focus.rowId ?? null
  // Rows of past versions already brought back (each comes back as a new row, once).
  const [broughtBack, setBroughtBack] = useState<ReadonlySet<string>>(new Set())

  useAnnounceCellEdits(grid, selection?.focus, version, session.identity.id)

  useEffect(() => {
    provider?.setAwarenessField('selection', selection)
  }, [provider, selection])

  const remote: RemoteSelection[] = useMemo(
    () =>
      users.flatMap((u) =>
        !u.isLocal && u.state.selection
          ? [{ clientId: u.clientId, user: u.user, selection: u.state.selection }]
          : [],
      ),
    [users],
  )

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
      {grid && synced && (
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
          {past ? null : (
            <Toolbar
              grid={grid}
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
                key={preview.viewing?.session.id}
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
        </>
      )}
    </AppShell>
  )
}

import { type ProjectMeta, ProjectModel, projectDocName } from '@weft/code-model'
import {
  AppShell,
  ConnectionProblem,
  HistoryPanel,
  HistoryToggle,
  ShareButton,
  TitleEditor,
  useAccess,
  useDocSelector,
  useDocumentState,
  useDocumentTitle,
  useProjectPresence,
  useSession,
  useVersionPreview,
  VersionBanner,
  ViewOnlyBadge,
} from '@weft/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { BundledPreview } from './BundledPreview.tsx'
import { missingImports } from './bundle/missingImports.ts'
import { DeleteDialog } from './DeleteDialog.tsx'
import { DeleteNotices } from './DeleteNotices.tsx'
import { downloadZip } from './downloadZip.ts'
import { Editor } from './Editor.tsx'
import { FileTree, type ProjectAwareness } from './FileTree.tsx'
import { MissingImportsBar, warningsByFile } from './MissingImports.tsx'
import { PastProjectView } from './PastProjectView.tsx'
import { Preview } from './Preview.tsx'
import { loadPastProject } from './pastProject.ts'
import { RunLocally } from './RunLocally.tsx'
import { Tabs } from './Tabs.tsx'
import { TrashPanel } from './TrashPanel.tsx'
import { TEMPLATES } from './templates.ts'
import type { Bound } from './testHook.ts'
import { installTestHook } from './testHook.ts'
import { useAcquired } from './useAcquired.ts'
import { useAnnounceFileVisitors } from './useAnnounceFileVisitors.ts'
import { useDeletes } from './useDeletes.ts'
import { useDocPool } from './useDocPool.ts'
import { useLiveTexts } from './useLiveTexts.ts'
import { usePendingEdits } from './usePendingEdits.ts'

const NO_FILES: never[] = []

export function App({ projectId }: { projectId: string }) {
  const session = useSession(projectDocName(projectId))
  const pool = useDocPool(session.token, session.identity, session.revision)
  const provider = useAcquired(pool, projectDocName(projectId))
  const readOnly = useAccess(provider) === 'read'
  const { synced, status, users } = useDocumentState<ProjectAwareness>(provider)
  // Who is in the project (its document or any file's), on every node; the tree keeps showing
  // who is in which file from awareness.
  const online = useProjectPresence(projectDocName(projectId), session.token)
  // Edits not yet saved, over every open document of the project (not just its tree).
  const pending = usePendingEdits(pool)
  const model = useMemo(() => (provider ? new ProjectModel(provider.document) : null), [provider])
  const doc = provider?.document ?? null
  const tree = useDocSelector(
    doc,
    useCallback(() => model?.tree() ?? null, [model]),
  )
  const meta: ProjectMeta = useDocSelector(
    doc,
    useCallback(() => model?.readMeta() ?? {}, [model]),
  )
  const trash = useDocSelector(
    doc,
    useCallback(() => model?.trash() ?? [], [model]),
  )
  const template = TEMPLATES.find((t) => t.id === meta.template)
  // Every file's text, live: the bundled preview builds from it, and imports of deleted files
  // (by anyone, on any node) are found in it.
  const texts = useLiveTexts(pool, projectId, tree?.files ?? NO_FILES)
  const missing = useMemo(() => {
    if (!tree) return []
    const isFile = (path: string) => tree.nodes.get(tree.byPath.get(path) ?? '')?.kind === 'file'
    return missingImports(texts, isFile, trash)
  }, [texts, tree, trash])
  const warnings = useMemo(() => warningsByFile(missing), [missing])

  const [tabs, setTabs] = useState<string[]>([])
  const [active, setActive] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [showPreview, setShowPreview] = useState(true)
  const bound = useRef<Bound | null>(null)

  const open = useCallback((id: string) => {
    setTabs((t) => (t.includes(id) ? t : [...t, id]))
    setActive(id)
  }, [])

  const close = useCallback((id: string) => {
    setTabs((t) => {
      const next = t.filter((x) => x !== id)
      setActive((a) => (a === id ? (next[Math.max(0, t.indexOf(id) - 1)] ?? null) : a))
      return next
    })
  }, [])

  // Tabs of files deleted (by anyone) close; the template's main file opens on first visit.
  const liveTabs = useMemo(
    () => (tree ? tabs.filter((id) => tree.nodes.get(id)?.kind === 'file') : []),
    [tabs, tree],
  )
  const activeFile = active && liveTabs.includes(active) ? active : (liveTabs.at(-1) ?? null)
  const opened = useRef(false)
  useEffect(() => {
    if (!tree || !synced || opened.current || tree.files.length === 0) return
    opened.current = true
    const first = template ? tree.byPath.get(template.open) : undefined
    open(first ?? (tree.files[0]?.id as string))
  }, [tree, synced, template, open])

  // Tabs keep the ids of deleted files (hidden above), so a restored file's tab comes back.
  const deletes = useDeletes(model, tree, trash, session.identity, tabs, (files) => {
    const back = files.find((f) => tabs.includes(f))
    if (back) setActive(back)
  })
  const undoLast = useRef(deletes.undoLast)
  undoLast.current = deletes.undoLast
  useEffect(() => {
    // Ctrl+Z outside an editor or a field undoes this user's last delete (the editor's own
    // Ctrl+Z undoes typing).
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey) return
      const t = e.target as HTMLElement | null
      if (t?.closest('.cm-editor, input, textarea, select, dialog')) return
      if (undoLast.current()) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    provider?.setAwarenessField('file', activeFile)
  }, [provider, activeFile])
  useAnnounceFileVisitors(users, activeFile, tree)

  useEffect(() => {
    if (!pool || !model) return
    return installTestHook(pool, projectId, model, () => bound.current)
  }, [pool, model, projectId])

  const activeNode = activeFile ? tree?.nodes.get(activeFile) : undefined
  const documentName = projectDocName(projectId)
  // The project's name is the document's title; a project made before titles keeps its own.
  const title = useDocumentTitle(documentName, session.token, doc)
  const projectName = title.title ?? meta.name ?? projectId
  const [historyOpen, setHistoryOpen] = useState(false)
  const historyToggle = useRef<HTMLButtonElement>(null)
  const preview = useVersionPreview(
    documentName,
    session.token,
    useCallback(
      (version: string) => loadPastProject(documentName, session.token, version),
      [documentName, session.token],
    ),
  )
  const past = preview.viewing?.content ?? null
  const liveFiles = useMemo(() => new Set(tree?.files.map((f) => f.id) ?? []), [tree])

  return (
    <AppShell
      brand="Weft Code"
      home="/code/"
      docName={projectName}
      docTitle={documentName}
      title={<TitleEditor shown={projectName} documentName={documentName} title={title} />}
      status={{ ...status, pendingEdits: pending }}
      session={session}
      users={users}
      online={online}
      peopleLabel="People in this project"
      actions={
        <>
          {readOnly && <ViewOnlyBadge />}
          <ShareButton documentName={documentName} token={session.token} users={users} />
          {template && (
            <button
              type="button"
              className={showPreview ? 'on' : ''}
              aria-pressed={showPreview}
              onClick={() => setShowPreview((p) => !p)}
            >
              Preview
            </button>
          )}
          <button
            type="button"
            data-testid="download"
            disabled={!tree || !pool}
            onClick={() => pool && tree && void downloadZip(pool, projectId, tree, projectName)}
          >
            Download zip
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
      loading={<ConnectionProblem status={status} loading="Loading project…" />}
      overlay={
        <>
          <DeleteDialog
            path={deletes.asking?.path ?? null}
            folder={deletes.asking?.folder ?? false}
            onConfirm={deletes.confirm}
            onCancel={deletes.cancel}
          />
          <DeleteNotices
            items={deletes.notices}
            onRestore={(n) => deletes.restore(n.restoreId)}
            onDismiss={deletes.dismiss}
          />
        </>
      }
    >
      {pool && model && tree && synced && (
        <>
          <VersionBanner preview={preview} noun="version" />
          <div className="code-main">
            {past ? (
              <PastProjectView
                key={preview.viewing?.session.id}
                project={past}
                projectId={projectId}
                token={session.token}
                liveFiles={liveFiles}
              />
            ) : (
              <div className="main">
                <FileTree
                  model={model}
                  tree={tree}
                  selected={selected}
                  onSelect={setSelected}
                  onOpen={open}
                  users={users}
                  onDelete={deletes.ask}
                  readOnly={readOnly}
                  warnings={warnings}
                >
                  <details className="trash-box" data-testid="trash-box">
                    <summary>Trash ({trash.length})</summary>
                    <TrashPanel items={trash} onRestore={deletes.restore} />
                  </details>
                </FileTree>
                <section className="editor-pane">
                  <Tabs
                    tree={tree}
                    tabs={liveTabs}
                    active={activeFile}
                    onActivate={setActive}
                    onClose={close}
                    warnings={warnings}
                  />
                  {activeNode && (
                    <MissingImportsBar
                      path={activeNode.path}
                      missing={missing}
                      onRestore={deletes.restore}
                      readOnly={readOnly}
                    />
                  )}
                  {activeNode ? (
                    <Editor
                      key={activeNode.id}
                      pool={pool}
                      projectId={projectId}
                      fileId={activeNode.id}
                      name={activeNode.name}
                      seed={activeNode.seed}
                      readOnly={readOnly}
                      onText={(b) => {
                        bound.current = b
                      }}
                    />
                  ) : (
                    <div className="empty muted">Open a file from the tree.</div>
                  )}
                </section>
                {template?.preview === 'static' && showPreview && (
                  <Preview pool={pool} projectId={projectId} tree={tree} />
                )}
                {template?.preview === 'bundle' && showPreview && (
                  <BundledPreview texts={texts} fileCount={tree.files.length} missing={missing} />
                )}
                {template && !template.preview && showPreview && <RunLocally template={template} />}
              </div>
            )}
            {historyOpen && (
              <HistoryPanel
                documentName={documentName}
                token={session.token}
                doc={doc}
                selected={preview.viewing?.session.id ?? preview.loading?.id ?? null}
                onSelect={preview.open}
                onClose={() => {
                  preview.close()
                  setHistoryOpen(false)
                  historyToggle.current?.focus()
                }}
              />
            )}
          </div>
        </>
      )}
    </AppShell>
  )
}

import { type ProjectMeta, ProjectModel, projectDocName } from '@weft/code-model'
import {
  AppShell,
  useDocSelector,
  useDocumentState,
  useProjectPresence,
  useSession,
} from '@weft/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { downloadZip } from './downloadZip.ts'
import { Editor } from './Editor.tsx'
import { FileTree, type ProjectAwareness } from './FileTree.tsx'
import { Preview } from './Preview.tsx'
import { Tabs } from './Tabs.tsx'
import { TEMPLATES } from './templates.ts'
import type { Bound } from './testHook.ts'
import { installTestHook } from './testHook.ts'
import { useAcquired } from './useAcquired.ts'
import { useAnnounceFileVisitors } from './useAnnounceFileVisitors.ts'
import { useDocPool } from './useDocPool.ts'
import { usePendingEdits } from './usePendingEdits.ts'

export function App({ projectId }: { projectId: string }) {
  const session = useSession()
  const pool = useDocPool(session.token, session.identity, session.revision)
  const provider = useAcquired(pool, projectDocName(projectId))
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
  const template = TEMPLATES.find((t) => t.id === meta.template)

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

  useEffect(() => {
    provider?.setAwarenessField('file', activeFile)
  }, [provider, activeFile])
  useAnnounceFileVisitors(users, activeFile, tree)

  useEffect(() => {
    if (!pool || !model) return
    return installTestHook(pool, projectId, model, () => bound.current)
  }, [pool, model, projectId])

  const activeNode = activeFile ? tree?.nodes.get(activeFile) : undefined
  const projectName = meta.name ?? projectId

  return (
    <AppShell
      brand="Weft Code"
      home="/code/"
      docName={projectName}
      docTitle={`code:${projectId}`}
      status={{ ...status, pendingEdits: pending }}
      session={session}
      users={users}
      online={online}
      peopleLabel="People in this project"
      actions={
        <>
          {template?.preview === 'static' && (
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
        </>
      }
      loading="Loading project…"
    >
      {pool && model && tree && synced && (
        <div className="main">
          <FileTree
            model={model}
            tree={tree}
            selected={selected}
            onSelect={setSelected}
            onOpen={open}
            users={users}
          />
          <section className="editor-pane">
            <Tabs
              tree={tree}
              tabs={liveTabs}
              active={activeFile}
              onActivate={setActive}
              onClose={close}
            />
            {activeNode ? (
              <Editor
                key={activeNode.id}
                pool={pool}
                projectId={projectId}
                fileId={activeNode.id}
                name={activeNode.name}
                seed={activeNode.seed}
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
        </div>
      )}
    </AppShell>
  )
}

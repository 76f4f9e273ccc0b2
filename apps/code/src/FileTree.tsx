import type { AwarenessUser } from '@weft/client'
import { type ProjectModel, type ProjectTree, TreeError, type TreeNode } from '@weft/code-model'
import { readableText } from '@weft/react'
import { type DragEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { WarningMark } from './MissingImports.tsx'
import { NameInput } from './NameInput.tsx'
import { treeKeyAction, type VisibleRow } from './treeKeys.ts'

export type ProjectAwareness = { file?: string | null }

type Editing =
  | { mode: 'rename'; id: string }
  | { mode: 'new-file' | 'new-folder'; parentId: string | null }
  | null

type Props = {
  model: ProjectModel
  tree: ProjectTree
  selected: string | null
  onSelect: (id: string | null) => void
  onOpen: (id: string) => void
  users: AwarenessUser<ProjectAwareness>[]
  /** Asks to delete an entry (the app confirms first). */
  onDelete: (id: string) => void
  /** Shown below the tree (the trash). */
  children?: ReactNode
  /** View only: browsing and opening files; no creating, renaming, moving or deleting. */
  readOnly?: boolean
  /** File path → a warning its row shows (it imports a deleted file). */
  warnings?: ReadonlyMap<string, string>
}

/** The folder new entries go into: the selected folder, or the selected file's folder. */
function targetFolder(tree: ProjectTree, selected: string | null): string | null {
  const node = selected ? tree.nodes.get(selected) : undefined
  if (!node) return null
  return node.kind === 'folder' ? node.id : node.parentId
}

/** The rows as shown, top to bottom: children of collapsed folders left out. */
function visibleRows(tree: ProjectTree, collapsed: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = []
  const walk = (ids: readonly string[]) => {
    for (const id of ids) {
      const node = tree.nodes.get(id)
      if (!node) continue
      const folder = node.kind === 'folder'
      const open = folder && !collapsed.has(id)
      out.push({ id, folder, open, parentId: node.parentId })
      if (open) walk(node.children)
    }
  }
  walk(tree.root)
  return out
}

/**
 * The project's files as a WAI-ARIA tree: one Tab stop (the selected row, else the first),
 * arrow keys within (treeKeys.ts), Enter opens a file or toggles a folder, F2 renames, Delete
 * deletes. Naming happens in a labelled field above the tree, and focus comes back to the tree
 * when it closes.
 */
export function FileTree({
  model,
  tree,
  selected,
  onSelect,
  onOpen,
  users,
  onDelete,
  children,
  readOnly,
  warnings,
}: Props) {
  const [editing, setEditing] = useState<Editing>(null)
  const [error, setError] = useState<string | null>(null)
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set())
  const [dropTarget, setDropTarget] = useState<string | null>(null)
  const selectedNode = selected ? tree.nodes.get(selected) : undefined
  const rows = visibleRows(tree, collapsed)
  const tabStop = rows.some((r) => r.id === selected) ? selected : (rows[0]?.id ?? null)
  const treeRef = useRef<HTMLUListElement>(null)
  // Set when the name field closes: the tree row takes focus once it is drawn (a new file's
  // row appears a frame after it is created), so focus never falls to the page.
  const refocus = useRef(false)

  const focusRow = (id: string | null) => {
    if (!id) return false
    const el = treeRef.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(id)}"]`)
    el?.focus()
    return Boolean(el)
  }

  useEffect(() => {
    if (!refocus.current || editing) return
    // A just-created entry is selected before the tree has it: wait for its row.
    if (selected && !rows.some((r) => r.id === selected) && !tree.nodes.has(selected)) return
    if (focusRow(tabStop)) refocus.current = false
  })

  const endEditing = () => {
    refocus.current = true
    setEditing(null)
  }

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((c) => {
      const n = new Set(c)
      if (open ?? n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })

  const attempt = (fn: () => void) => {
    try {
      fn()
      setError(null)
      return true
    } catch (e) {
      setError(e instanceof TreeError ? e.message : String(e))
      return false
    }
  }

  /** Starts naming a new entry; its folder opens so the field is visible. */
  const startNew = (mode: 'new-file' | 'new-folder') => {
    const parentId = targetFolder(tree, selected)
    if (parentId)
      setCollapsed((c) => {
        const n = new Set(c)
        n.delete(parentId)
        return n
      })
    setEditing({ mode, parentId })
  }

  const commitName = (name: string) => {
    const e = editing
    if (!e) return
    let ok = false
    if (e.mode === 'rename') {
      const node = tree.nodes.get(e.id)
      if (!node || name === node.name) ok = true
      else if (model.freeName(node.parentId, name, node.id) !== name) {
        setError(`“${name}” already exists here`)
      } else ok = attempt(() => model.rename(e.id, name))
    } else if (model.freeName(e.parentId, name) !== name) {
      setError(`“${name}” already exists here`)
    } else {
      ok = attempt(() => {
        const id =
          e.mode === 'new-file'
            ? model.createFile(name, e.parentId)
            : model.createFolder(name, e.parentId)
        onSelect(id)
        if (e.mode === 'new-file') onOpen(id)
      })
    }
    if (ok) endEditing()
  }

  const move = (id: string, parentId: string | null) => {
    const node = tree.nodes.get(id)
    if (!node || node.parentId === parentId) return
    attempt(() => model.move(id, parentId))
  }

  const onDrop = (event: DragEvent, parentId: string | null) => {
    event.preventDefault()
    event.stopPropagation()
    setDropTarget(null)
    const id = event.dataTransfer.getData('application/x-weft-entry')
    if (id) move(id, parentId)
  }

  const usersIn = (id: string) => users.filter((u) => !u.isLocal && u.state.file === id)

  const renderNode = (node: TreeNode) => {
    const isOpen = !collapsed.has(node.id)
    const here = usersIn(node.id)
    return (
      <li key={node.id} role="none">
        <button
          type="button"
          role="treeitem"
          aria-level={node.depth + 1}
          aria-selected={selected === node.id}
          aria-expanded={node.kind === 'folder' ? isOpen : undefined}
          tabIndex={tabStop === node.id ? 0 : -1}
          className={`tree-row ${selected === node.id ? 'selected' : ''} ${dropTarget === node.id ? 'drop' : ''}`}
          style={{ paddingLeft: 8 + node.depth * 14 }}
          data-testid="tree-item"
          data-node-id={node.id}
          data-path={node.path}
          data-kind={node.kind}
          draggable={!readOnly}
          onDragStart={(e) => {
            e.dataTransfer.setData('application/x-weft-entry', node.id)
            e.dataTransfer.effectAllowed = 'move'
          }}
          onDragOver={(e) => {
            if (node.kind !== 'folder') return
            e.preventDefault()
            e.stopPropagation()
            setDropTarget(node.id)
          }}
          onDragLeave={() => setDropTarget((t) => (t === node.id ? null : t))}
          onDrop={(e) => (node.kind === 'folder' ? onDrop(e, node.id) : undefined)}
          onClick={() => {
            onSelect(node.id)
            if (node.kind === 'file') onOpen(node.id)
            else toggle(node.id)
          }}
          onKeyDown={(e) => {
            if (readOnly && (e.key === 'F2' || e.key === 'Delete')) return
            if (e.key === 'F2') setEditing({ mode: 'rename', id: node.id })
            else if (e.key === 'Delete') onDelete(node.id)
            else {
              const action = treeKeyAction(e.key, rows, node.id)
              if (!action) return
              if (action.kind === 'focus') {
                onSelect(action.id)
                focusRow(action.id)
              } else toggle(action.id, action.kind === 'expand')
            }
            e.preventDefault()
          }}
          title={
            node.rescued
              ? `${node.path} (moved to the top: its folder was deleted or moved)`
              : node.path
          }
        >
          <span className="tree-icon" aria-hidden="true">
            {node.kind === 'folder' ? (isOpen ? '▾' : '▸') : '·'}
          </span>
          <span className="tree-name">{node.name}</span>
          <WarningMark text={warnings?.get(node.path)} />
          {here.length > 0 && (
            <span className="tree-presence" data-testid="tree-presence">
              <span className="visually-hidden">
                , {here.map((u) => u.user.name).join(', ')} here
              </span>
              {here.map((u) => (
                <span
                  key={u.clientId}
                  className="tree-user"
                  aria-hidden="true"
                  style={{ background: u.user.color, color: readableText(u.user.color) }}
                  title={`${u.user.name} is here`}
                  data-user={u.user.name}
                >
                  {u.user.name.slice(0, 1)}
                </span>
              ))}
            </span>
          )}
        </button>
        {node.kind === 'folder' && isOpen && node.children.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: a tree's nested level is role=group (WAI-ARIA tree pattern), not a fieldset
          <ul role="group">
            {node.children.map((c) => renderNode(tree.nodes.get(c) as TreeNode))}
          </ul>
        )}
      </li>
    )
  }

  const fieldLabel = (() => {
    if (!editing) return ''
    if (editing.mode === 'rename') return `Rename ${tree.nodes.get(editing.id)?.name ?? ''}`
    const where = editing.parentId ? tree.nodes.get(editing.parentId)?.path : null
    const what = editing.mode === 'new-file' ? 'New file' : 'New folder'
    return `${what} in ${where ? `${where}/` : 'the top folder'}`
  })()

  const folders = [...tree.nodes.values()].filter((n) => n.kind === 'folder')

  return (
    <nav className="tree" aria-label="Project">
      {!readOnly && (
        <div className="tree-toolbar">
          <button
            type="button"
            title="New file"
            data-testid="new-file"
            onClick={() => startNew('new-file')}
          >
            + File
          </button>
          <button
            type="button"
            title="New folder"
            data-testid="new-folder"
            onClick={() => startNew('new-folder')}
          >
            + Folder
          </button>
          <button
            type="button"
            disabled={!selectedNode}
            data-testid="rename"
            onClick={() => selectedNode && setEditing({ mode: 'rename', id: selectedNode.id })}
          >
            Rename
          </button>
          <button
            type="button"
            disabled={!selectedNode}
            data-testid="delete"
            onClick={() => selectedNode && onDelete(selectedNode.id)}
          >
            Delete
          </button>
          <select
            aria-label="Move to folder"
            data-testid="move-to"
            disabled={!selectedNode}
            value=""
            onChange={(e) => {
              if (!selectedNode) return
              move(selectedNode.id, e.target.value === '/' ? null : e.target.value)
            }}
          >
            <option value="">Move to…</option>
            <option value="/">/ (top)</option>
            {folders
              .filter((f) => selectedNode && f.id !== selectedNode.id)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.path}/
                </option>
              ))}
          </select>
        </div>
      )}
      {error && (
        <div className="tree-error" role="alert">
          {error}
        </div>
      )}
      {editing && (
        <label className="tree-field" htmlFor="tree-name">
          <span>{fieldLabel}</span>
          <NameInput
            initial={editing.mode === 'rename' ? (tree.nodes.get(editing.id)?.name ?? '') : ''}
            onCommit={commitName}
            onCancel={(byKey) => (byKey ? endEditing() : setEditing(null))}
          />
        </label>
      )}
      <ul
        ref={treeRef}
        className="tree-root"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the list is the WAI-ARIA tree; its rows are the focusable treeitems
        role="tree"
        aria-label="Files"
        data-testid="tree"
        onDragOver={(e) => {
          e.preventDefault()
          setDropTarget('/')
        }}
        onDrop={(e) => onDrop(e, null)}
      >
        {tree.root.map((id) => renderNode(tree.nodes.get(id) as TreeNode))}
      </ul>
      {children}
    </nav>
  )
}

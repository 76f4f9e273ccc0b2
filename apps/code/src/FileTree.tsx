import type { AwarenessUser } from '@weft/client'
import { type ProjectModel, type ProjectTree, TreeError, type TreeNode } from '@weft/code-model'
import { type DragEvent, useState } from 'react'
import { NameInput } from './NameInput.tsx'

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
}

/** The folder new entries go into: the selected folder, or the selected file's folder. */
function targetFolder(tree: ProjectTree, selected: string | null): string | null {
  const node = selected ? tree.nodes.get(selected) : undefined
  if (!node) return null
  return node.kind === 'folder' ? node.id : node.parentId
}

export function FileTree({ model, tree, selected, onSelect, onOpen, users }: Props) {
  const [editing, setEditing] = useState<Editing>(null)
  const [error, setError] = useState<string | null>(null)
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set())
  const [dropTarget, setDropTarget] = useState<string | null>(null)
  const selectedNode = selected ? tree.nodes.get(selected) : undefined

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
    if (ok) setEditing(null)
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
      <li key={node.id}>
        {editing?.mode === 'rename' && editing.id === node.id ? (
          <NameInput
            initial={node.name}
            depth={node.depth}
            onCommit={commitName}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <button
            type="button"
            className={`tree-row ${selected === node.id ? 'selected' : ''} ${dropTarget === node.id ? 'drop' : ''}`}
            style={{ paddingLeft: 8 + node.depth * 14 }}
            data-testid="tree-item"
            data-path={node.path}
            data-kind={node.kind}
            aria-expanded={node.kind === 'folder' ? isOpen : undefined}
            draggable
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
              else
                setCollapsed((c) => {
                  const n = new Set(c)
                  if (n.has(node.id)) n.delete(node.id)
                  else n.add(node.id)
                  return n
                })
            }}
            onKeyDown={(e) => {
              if (e.key === 'F2') setEditing({ mode: 'rename', id: node.id })
              if (e.key === 'Delete') attempt(() => model.remove(node.id))
            }}
            title={
              node.rescued
                ? `${node.path} (moved to the top: its folder was deleted or moved)`
                : node.path
            }
          >
            <span className="tree-icon">{node.kind === 'folder' ? (isOpen ? '▾' : '▸') : '·'}</span>
            <span className="tree-name">{node.name}</span>
            {here.length > 0 && (
              <span className="tree-presence" data-testid="tree-presence">
                {here.map((u) => (
                  <span
                    key={u.clientId}
                    className="tree-user"
                    style={{ background: u.user.color }}
                    title={`${u.user.name} is here`}
                    data-user={u.user.name}
                  >
                    {u.user.name.slice(0, 1)}
                  </span>
                ))}
              </span>
            )}
          </button>
        )}
        {node.kind === 'folder' && isOpen && (
          <ul>
            {node.children.map((c) => renderNode(tree.nodes.get(c) as TreeNode))}
            {editing && editing.mode !== 'rename' && editing.parentId === node.id && (
              <li>
                <NameInput
                  initial=""
                  depth={node.depth + 1}
                  onCommit={commitName}
                  onCancel={() => setEditing(null)}
                />
              </li>
            )}
          </ul>
        )}
      </li>
    )
  }

  const folders = [...tree.nodes.values()].filter((n) => n.kind === 'folder')

  return (
    <nav className="tree" aria-label="Files">
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
          onClick={() => selectedNode && attempt(() => model.remove(selectedNode.id))}
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
      {error && (
        <div className="tree-error" role="alert">
          {error}
        </div>
      )}
      <ul
        className="tree-root"
        data-testid="tree"
        onDragOver={(e) => {
          e.preventDefault()
          setDropTarget('/')
        }}
        onDrop={(e) => onDrop(e, null)}
      >
        {tree.root.map((id) => renderNode(tree.nodes.get(id) as TreeNode))}
        {editing && editing.mode !== 'rename' && editing.parentId === null && (
          <li>
            <NameInput
              initial=""
              depth={0}
              onCommit={commitName}
              onCancel={() => setEditing(null)}
            />
          </li>
        )}
      </ul>
    </nav>
  )
}

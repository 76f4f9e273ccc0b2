import type { Identity } from '@weft/client'
import {
  type ProjectModel,
  type ProjectTree,
  type TrashItem,
  TreeError,
  watchRemoteDeletes,
} from '@weft/code-model'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { DeleteNotice } from './DeleteNotices.tsx'

export type Deletes = {
  /** What the confirmation dialog asks about, if anything. */
  asking: { id: string; path: string; folder: boolean } | null
  ask: (id: string) => void
  confirm: () => void
  cancel: () => void
  /** Notices of deletes still in the trash (one restored by anyone disappears). */
  notices: DeleteNotice[]
  dismiss: (key: number) => void
  restore: (id: string) => void
  /** Ctrl+Z outside an editor: brings back this user's last delete still in the trash. */
  undoLast: () => boolean
}

/**
 * Deleting in the Code app: ask first, tell everyone (the deleter gets Undo, others Restore,
 * and whoever had the file open hears it was deleted under them), restore from the trash.
 * `openTabs` are this user's tabs; a restored file they had open comes back as the active tab
 * (the tab list keeps deleted ids, so it reappears where it was).
 */
export function useDeletes(
  model: ProjectModel | null,
  tree: ProjectTree | null,
  trash: readonly TrashItem[],
  identity: Identity,
  openTabs: readonly string[],
  onRestored: (fileIds: string[]) => void,
): Deletes {
  const [asking, setAsking] = useState<Deletes['asking']>(null)
  const [notices, setNotices] = useState<(DeleteNotice & { files: string[] })[]>([])
  const mine = useRef<string[]>([])
  const tabs = useRef(openTabs)
  tabs.current = openTabs
  const nextKey = useRef(1)

  const push = useCallback((n: Omit<DeleteNotice, 'key'> & { files: string[] }) => {
    const key = nextKey.current++
    setNotices((all) => [...all.filter((o) => o.restoreId !== n.restoreId), { ...n, key }])
  }, [])

  useEffect(() => {
    if (!model) return
    return watchRemoteDeletes(model, (item, files) =>
      push({
        restoreId: item.id,
        path: item.path,
        by: item.deletedBy ?? 'Someone',
        wasOpen: files.some((f) => tabs.current.includes(f)),
        files,
      }),
    )
  }, [model, push])

  const filesOf = (id: string): string[] => {
    const node = tree?.nodes.get(id)
    if (!node) return [id]
    if (node.kind === 'file') return [id]
    return [...(tree?.files ?? [])]
      .filter((f) => f.path.startsWith(`${node.path}/`))
      .map((f) => f.id)
  }

  const restore = (id: string) => {
    if (!model) return
    const files = notices.find((n) => n.restoreId === id)?.files ?? [id]
    try {
      model.restore(id)
    } catch (e) {
      // Someone restored it first: it is back either way.
      if (!(e instanceof TreeError)) throw e
    }
    setNotices((all) => all.filter((n) => n.restoreId !== id))
    onRestored(files)
  }

  const inTrash = new Set(trash.map((t) => t.id))
  return {
    asking,
    ask: (id) => {
      const node = tree?.nodes.get(id)
      if (node) setAsking({ id, path: node.path, folder: node.kind === 'folder' })
    },
    cancel: () => setAsking(null),
    confirm: () => {
      const a = asking
      setAsking(null)
      if (!model || !a || !tree?.nodes.has(a.id)) return
      const files = filesOf(a.id)
      model.remove(a.id, { id: identity.id, name: identity.name })
      mine.current.push(a.id)
      push({ restoreId: a.id, path: a.path, by: null, wasOpen: false, files })
    },
    notices: notices.filter((n) => inTrash.has(n.restoreId)),
    dismiss: (key) => setNotices((all) => all.filter((n) => n.key !== key)),
    restore,
    undoLast: () => {
      while (mine.current.length > 0) {
        const id = mine.current.pop() as string
        if (inTrash.has(id)) {
          restore(id)
          return true
        }
      }
      return false
    },
  }
}

import type * as Y from 'yjs'
import type { ProjectModel, TrashItem } from './ProjectModel.ts'

/**
 * Calls `onDelete` for each delete someone else made (a remote transaction), once per delete
 * (the entry they chose, not each file inside a folder), with what the trash shows for it. A
 * user whose file vanishes is told who removed it and can restore it. Returns the unsubscribe.
 */
export function watchRemoteDeletes(
  model: ProjectModel,
  onDelete: (item: TrashItem, fileIds: string[]) => void,
): () => void {
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => {
    if (txn.local) return
    const roots = new Set<string>()
    for (const e of events) {
      const id = e.path[0]
      if (typeof id !== 'string' || !(e as Y.YMapEvent<unknown>).keysChanged?.has('deleted')) {
        continue
      }
      const m = model.entries.get(id)
      if (m?.get('deleted') !== true) continue
      const root = m.get('deletedRoot')
      roots.add(typeof root === 'string' ? root : id)
    }
    if (roots.size === 0) return
    const trash = model.trash()
    for (const root of roots) {
      const item = trash.find((t) => t.id === root)
      if (!item) continue
      const fileIds = [...model.entries]
        .filter(([, m]) => m.get('deletedRoot') === root && m.get('kind') === 'file')
        .map(([id]) => id)
      onDelete(item, fileIds.length > 0 ? fileIds : [root])
    }
  }
  model.entries.observeDeep(observer)
  return () => model.entries.unobserveDeep(observer)
}

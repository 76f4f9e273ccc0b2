import * as Y from 'yjs'
import { newId } from './ids.ts'
import { nameProblem } from './names.ts'
import { resolveTree, suffixedName } from './resolveTree.ts'
import type { EntryKind, ProjectTree, StoredEntry, TemplateFile } from './types.ts'

/** Top-level types of a project document. These names are the stored format; never rename. */
export const CODE_ROOTS = { entries: 'code.entries', meta: 'code.meta' } as const

export type ProjectMeta = { name?: string; template?: string; createdAt?: number }

export class TreeError extends Error {}

/** Who deleted something, as stored with the tombstone. */
export type Deleter = { id: string; name: string }

/** One delete in the trash: the entry the user deleted (its contents come back with it). */
export type TrashItem = {
  id: string
  kind: 'file' | 'folder'
  name: string
  /** Where it was when deleted. */
  path: string
  deletedAt: number
  deletedBy?: string
}

/** The fields a delete writes on each entry it marks; a restore removes them all. */
const DELETE_FIELDS = [
  'deleted',
  'deletedRoot',
  'deletedAt',
  'deletedPath',
  'deletedBy',
  'deletedById',
] as const

/**
 * A project document (`code:<projectId>`): the file tree as a map of entries, id → Y.Map of
 * fields, plus metadata. File contents live in one document per file (see fileContent.ts).
 * Every operation is one transaction with `origin`, so an UndoManager can track this user's.
 */
export class ProjectModel {
  readonly doc: Y.Doc
  readonly entries: Y.Map<Y.Map<unknown>>
  readonly meta: Y.Map<unknown>
  readonly origin: object
  private cached: { tree: ProjectTree; version: number } | null = null
  private version = 0

  constructor(doc: Y.Doc, origin: object = { name: 'weft-code-local' }) {
    this.doc = doc
    this.entries = doc.getMap(CODE_ROOTS.entries)
    this.meta = doc.getMap(CODE_ROOTS.meta)
    this.origin = origin
    doc.on('afterTransaction', () => {
      this.version++
    })
  }

  get scope(): Y.AbstractType<unknown>[] {
    return [this.entries, this.meta] as Y.AbstractType<unknown>[]
  }

  isEmpty(): boolean {
    return this.entries.size === 0 && this.meta.size === 0
  }

  readMeta(): ProjectMeta {
    return this.meta.toJSON() as ProjectMeta
  }

  stored(): StoredEntry[] {
    const out: StoredEntry[] = []
    for (const [id, m] of this.entries) {
      const kind = m.get('kind')
      const name = m.get('name')
      if ((kind !== 'file' && kind !== 'folder') || typeof name !== 'string') continue
      const parentId = m.get('parentId')
      const seed = m.get('seed')
      out.push({
        id,
        kind,
        name,
        parentId: typeof parentId === 'string' ? parentId : null,
        createdAt: Number(m.get('createdAt') ?? 0),
        deleted: m.get('deleted') === true,
        ...(typeof seed === 'string' ? { seed } : {}),
      })
    }
    return out
  }

  /** The resolved tree, recomputed only after a transaction. */
  tree(): ProjectTree {
    // Inside a transaction the state is still changing: compute without caching.
    if (this.doc._transaction) return resolveTree(this.stored())
    if (this.cached?.version !== this.version) {
      this.cached = { tree: resolveTree(this.stored()), version: this.version }
    }
    return this.cached.tree
  }

  private transact<T>(fn: () => T): T {
    let out: T | undefined
    this.doc.transact(() => {
      out = fn()
    }, this.origin)
    return out as T
  }

  private checkName(name: string): void {
    const problem = nameProblem(name)
    if (problem) throw new TreeError(problem)
  }

  private checkFolder(parentId: string | null): void {
    if (parentId === null) return
    if (this.tree().nodes.get(parentId)?.kind !== 'folder') {
      throw new TreeError('The target folder no longer exists')
    }
  }

  /** A name not yet used in `parentId` as the tree shows it: "untitled.js", "untitled (2).js"… */
  freeName(parentId: string | null, name: string, exceptId?: string): string {
    const tree = this.tree()
    const siblings = parentId === null ? tree.root : (tree.nodes.get(parentId)?.children ?? [])
    const used = new Set(
      siblings.filter((id) => id !== exceptId).map((id) => tree.nodes.get(id)?.name),
    )
    if (!used.has(name)) return name
    let n = 2
    while (used.has(suffixedName(name, n))) n++
    return suffixedName(name, n)
  }

  private add(kind: EntryKind, name: string, parentId: string | null, seed?: string): string {
    this.checkName(name)
    this.checkFolder(parentId)
    const id = newId()
    const m = new Y.Map<unknown>()
    m.set('kind', kind)
    m.set('name', name)
    m.set('parentId', parentId)
    m.set('createdAt', Date.now())
    if (seed !== undefined && seed !== '') m.set('seed', seed)
    this.transact(() => this.entries.set(id, m))
    return id
  }

  createFile(name: string, parentId: string | null = null, seed?: string): string {
    return this.add('file', name, parentId, seed)
  }

  createFolder(name: string, parentId: string | null = null): string {
    return this.add('folder', name, parentId)
  }

  private live(id: string): Y.Map<unknown> {
    const m = this.entries.get(id)
    if (!m || m.get('deleted') === true) throw new TreeError('This file or folder no longer exists')
    return m
  }

  /** Concurrent renames of one entry: one name wins (Yjs map last-writer-wins). */
  rename(id: string, name: string): void {
    this.checkName(name)
    const m = this.live(id)
    this.transact(() => m.set('name', name))
  }

  /**
   * Moves an entry into a folder (null = root). Refuses a folder into itself or its own subtree;
   * cycles made by two concurrent moves are broken by resolveTree.
   */
  move(id: string, parentId: string | null): void {
    const m = this.live(id)
    this.checkFolder(parentId)
    const tree = this.tree()
    for (let at = parentId; at !== null; at = tree.nodes.get(at)?.parentId ?? null) {
      if (at === id) throw new TreeError('A folder cannot be moved into itself')
    }
    this.transact(() => m.set('parentId', parentId))
  }

  /**
   * Deletes an entry and everything the tree shows inside it (tombstones: contents stay in their
   * documents, so `restore` brings them back). An entry moved or created into the folder by
   * someone else at the same time is not marked, so it survives at the root. Every marked entry
   * records the delete (`deletedRoot`: the entry the user deleted; who and when), which is what
   * the trash lists and what others are told. Returns the deleted entry's id (the trash key).
   */
  remove(id: string, by?: Deleter): string {
    this.live(id)
    const tree = this.tree()
    const ids: string[] = []
    const visit = (at: string) => {
      ids.push(at)
      for (const c of tree.nodes.get(at)?.children ?? []) visit(c)
    }
    visit(id)
    const at = Date.now()
    const path = tree.nodes.get(id)?.path ?? ''
    this.transact(() => {
      for (const e of ids) {
        const m = this.entries.get(e)
        if (!m) continue
        m.set('deleted', true)
        m.set('deletedRoot', id)
        m.set('deletedAt', at)
        if (e === id) m.set('deletedPath', path)
        if (by) {
          m.set('deletedBy', by.name)
          m.set('deletedById', by.id)
        }
      }
    })
    return id
  }

  /**
   * Brings back a delete: the entry and everything deleted with it (same `deletedRoot`). The
   * entries keep their ids, so their documents (and anything typed into them meanwhile) come
   * back as they are. A parent deleted separately stays deleted; the tree shows the restored
   * entry at the root then. A name now taken gets the usual " (2)" suffix.
   */
  restore(rootId: string): void {
    const root = this.entries.get(rootId)
    if (root?.get('deleted') !== true) {
      throw new TreeError('This file or folder is not in the trash')
    }
    this.transact(() => {
      for (const m of this.entries.values()) {
        if (m.get('deleted') !== true || m.get('deletedRoot') !== rootId) continue
        for (const k of DELETE_FIELDS) m.delete(k)
      }
      // An entry deleted before deletes were recorded has no group: it alone comes back.
      for (const k of DELETE_FIELDS) root.delete(k)
    })
  }

  /** What is in the trash, newest delete first: one item per delete a user made. */
  trash(): TrashItem[] {
    const out: TrashItem[] = []
    for (const [id, m] of this.entries) {
      if (m.get('deleted') !== true) continue
      const root = m.get('deletedRoot')
      if (root !== undefined && root !== id) continue
      const name = m.get('name')
      const by = m.get('deletedBy')
      out.push({
        id,
        kind: m.get('kind') === 'folder' ? 'folder' : 'file',
        name: typeof name === 'string' ? name : id,
        path: String(m.get('deletedPath') ?? name ?? id),
        deletedAt: Number(m.get('deletedAt') ?? 0),
        ...(typeof by === 'string' ? { deletedBy: by } : {}),
      })
    }
    return out.sort((a, b) => b.deletedAt - a.deletedAt || (a.id < b.id ? -1 : 1))
  }

  /** Fills an empty project from a template: one transaction, so peers never see half of it. */
  initialize(files: readonly TemplateFile[], meta: ProjectMeta): void {
    const folders = new Map<string, string>()
    const folderFor = (path: string): string | null => {
      if (!path) return null
      const known = folders.get(path)
      if (known) return known
      const slash = path.lastIndexOf('/')
      const parentId = folderFor(slash < 0 ? '' : path.slice(0, slash))
      const id = this.add('folder', path.slice(slash + 1), parentId)
      folders.set(path, id)
      return id
    }
    this.transact(() => {
      for (const [k, v] of Object.entries(meta)) this.meta.set(k, v)
      for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
        const slash = f.path.lastIndexOf('/')
        this.add(
          'file',
          f.path.slice(slash + 1),
          folderFor(slash < 0 ? '' : f.path.slice(0, slash)),
          f.content,
        )
      }
    })
  }
}

import type { ProjectTree, StoredEntry, TreeNode } from './types.ts'

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** "app.js" → "app (2).js"; names without an extension (or dotfiles) get the suffix at the end. */
export function suffixedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return `${name} (${n})`
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`
}

/**
 * Display names unique within one folder. The oldest entry (createdAt, then id) keeps a clashing
 * name; later ones get the lowest free " (n)" suffix, in that same order, so every replica shows
 * the same names.
 */
function uniqueNames(siblings: StoredEntry[]): Map<string, string> {
  const sorted = [...siblings].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
  const taken = new Set(sorted.map((s) => s.name))
  const kept = new Set<string>()
  const out = new Map<string, string>()
  for (const s of sorted) {
    if (!kept.has(s.name)) {
      kept.add(s.name)
      out.set(s.id, s.name)
      continue
    }
    let n = 2
    while (taken.has(suffixedName(s.name, n))) n++
    const name = suffixedName(s.name, n)
    taken.add(name)
    out.set(s.id, name)
  }
  return out
}

function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1
  const la = a.name.toLowerCase()
  const lb = b.name.toLowerCase()
  if (la !== lb) return la < lb ? -1 : 1
  return compareIds(a.name, b.name) || compareIds(a.id, b.id)
}

/**
 * The tree every replica shows for the same stored entries (a pure function of them):
 * - deleted entries are hidden;
 * - an entry whose parent is deleted, missing or a file is shown at the root ("rescued"): this is
 *   how a file moved or created into a folder that someone deleted at the same time survives;
 * - a cycle (two folders moved into each other concurrently) is broken at its smallest id, which
 *   is shown at the root;
 * - clashing sibling names get " (2)", " (3)"… suffixes (see uniqueNames).
 */
export function resolveTree(entries: Iterable<StoredEntry>): ProjectTree {
  const live = new Map<string, StoredEntry>()
  for (const e of entries) if (!e.deleted) live.set(e.id, e)

  const parent = new Map<string, string | null>()
  const rescued = new Set<string>()
  for (const e of live.values()) {
    const p = e.parentId === null ? undefined : live.get(e.parentId)
    if (e.parentId !== null && p?.kind !== 'folder') rescued.add(e.id)
    parent.set(e.id, p?.kind === 'folder' ? p.id : null)
  }

  // Break cycles. Each entry has one parent, so each connected group holds at most one cycle, and
  // choosing the cycle's smallest id does not depend on where the walk started.
  const reachesRoot = new Set<string>()
  for (const start of [...live.keys()].sort(compareIds)) {
    for (;;) {
      const walk: string[] = []
      const onWalk = new Set<string>()
      let at: string | null = start
      while (at !== null && !reachesRoot.has(at) && !onWalk.has(at)) {
        walk.push(at)
        onWalk.add(at)
        at = parent.get(at) ?? null
      }
      if (at === null || reachesRoot.has(at)) {
        for (const id of walk) reachesRoot.add(id)
        break
      }
      const cycle = walk.slice(walk.indexOf(at))
      const breakAt = cycle.sort(compareIds)[0] as string
      parent.set(breakAt, null)
      rescued.add(breakAt)
    }
  }

  const groups = new Map<string | null, StoredEntry[]>()
  for (const e of live.values()) {
    const p = parent.get(e.id) ?? null
    const g = groups.get(p)
    if (g) g.push(e)
    else groups.set(p, [e])
  }

  const nodes = new Map<string, TreeNode>()
  const byPath = new Map<string, string>()
  const files: TreeNode[] = []
  const build = (parentId: string | null, parentPath: string, depth: number): string[] => {
    const siblings = groups.get(parentId) ?? []
    const names = uniqueNames(siblings)
    const level: TreeNode[] = siblings.map((e) => ({
      id: e.id,
      kind: e.kind,
      name: names.get(e.id) as string,
      storedName: e.name,
      parentId,
      path: '',
      depth,
      children: [],
      rescued: rescued.has(e.id),
      ...(e.seed !== undefined ? { seed: e.seed } : {}),
    }))
    level.sort(compareNodes)
    for (const node of level) {
      node.path = parentPath ? `${parentPath}/${node.name}` : node.name
      nodes.set(node.id, node)
      byPath.set(node.path, node.id)
      if (node.kind === 'file') files.push(node)
      else node.children = build(node.id, node.path, depth + 1)
    }
    return level.map((n) => n.id)
  }
  const root = build(null, '', 0)
  return { nodes, root, byPath, files }
}

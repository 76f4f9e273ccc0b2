import type { AwarenessUser } from '@weft/client'
import type { ProjectTree } from '@weft/code-model'
import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'
import type { ProjectAwareness } from './FileTree.tsx'

/**
 * "Bob opened main.js" / "Bob left main.js": who else is in the file this user has open, in the
 * live region. Every keystroke of theirs would be too much to hear; their arrival says that
 * the text may now change under the cursor (their cursor shows where, for the eye).
 */
export function useAnnounceFileVisitors(
  users: readonly AwarenessUser<ProjectAwareness>[],
  activeFile: string | null,
  tree: ProjectTree | null,
): void {
  const last = useRef<{ file: string | null; here: Map<string, string> }>({
    file: null,
    here: new Map(),
  })
  const here = new Map<string, string>()
  for (const u of users)
    if (!u.isLocal && activeFile && u.state.file === activeFile) here.set(u.user.id, u.user.name)
  const key = [...here].map(([id, name]) => `${id}\u0000${name}`).join('\u0001')
  const fileName = (activeFile && tree?.nodes.get(activeFile)?.name) || 'this file'
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for `here`, rebuilt each render
  useEffect(() => {
    const before = last.current
    last.current = { file: activeFile, here }
    // Switching files is this user's own doing: who is in the new one shows in the tree.
    if (before.file !== activeFile) return
    for (const [id, name] of here) if (!before.here.has(id)) announce(`${name} opened ${fileName}`)
    for (const [id, name] of before.here) if (!here.has(id)) announce(`${name} left ${fileName}`)
  }, [key, activeFile])
}

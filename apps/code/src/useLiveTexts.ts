import { applySeed, fileDocName, fileText, type TreeNode } from '@weft/code-model'
import { useEffect, useState } from 'react'
import { type DocPool, whenSynced } from './DocPool.ts'
import { sameTexts } from './sameTexts.ts'

/**
 * Current contents of some files by path, kept live (re-rendering at most every 150 ms) while
 * mounted; a file is in the map once its document has synced. Opens each file's document
 * through the pool, so it shares them with the editor.
 */
export function useLiveTexts(
  pool: DocPool | null,
  projectId: string,
  files: readonly TreeNode[],
): ReadonlyMap<string, string> {
  const [texts, setTexts] = useState<ReadonlyMap<string, string>>(new Map())
  const key = files.map((f) => `${f.id}=${f.path}`).join('|')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the files' ids and paths
  useEffect(() => {
    if (!pool) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let alive = true
    const cleanups: (() => void)[] = []
    const current = new Map<string, () => string>()
    const flush = () => {
      timer = null
      if (!alive) return
      const next = new Map([...current].map(([path, read]) => [path, read()]))
      // Unchanged contents keep the same map: its users (the preview) see no change.
      setTexts((previous) => (sameTexts(previous, next) ? previous : next))
    }
    const schedule = () => {
      timer ??= setTimeout(flush, 150)
    }
    for (const f of files) {
      const name = fileDocName(projectId, f.id)
      const provider = pool.acquire(name)
      const text = fileText(provider.document)
      text.observe(schedule)
      cleanups.push(() => {
        text.unobserve(schedule)
        pool.release(name)
      })
      // A file counts once synced: before, its text is empty, not what the project holds.
      void whenSynced(provider).then(() => {
        if (!alive) return
        if (f.seed) applySeed(provider.document, f.seed)
        current.set(f.path, () => text.toString())
        schedule()
      })
    }
    schedule()
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
      for (const c of cleanups) c()
    }
  }, [pool, projectId, key])
  return texts
}

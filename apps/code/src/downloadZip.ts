import { applySeed, fileDocName, fileText, type ProjectTree } from '@weft/code-model'
import { strToU8, type Zippable, zipSync } from 'fflate'
import { type DocPool, whenSynced } from './DocPool.ts'

/** Every file's current content, opening documents that no tab has open yet. */
export async function projectFiles(
  pool: DocPool,
  projectId: string,
  tree: ProjectTree,
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  await Promise.all(
    tree.files.map(async (f) => {
      const name = fileDocName(projectId, f.id)
      const provider = pool.acquire(name)
      try {
        await whenSynced(provider)
        if (f.seed) applySeed(provider.document, f.seed)
        out.set(f.path, fileText(provider.document).toString())
      } finally {
        pool.release(name)
      }
    }),
  )
  return out
}

/** The project as a zip (folders inside `<name>/`), saved by the browser. */
export async function downloadZip(
  pool: DocPool,
  projectId: string,
  tree: ProjectTree,
  name: string,
): Promise<void> {
  const files = await projectFiles(pool, projectId, tree)
  const entries: Zippable = {}
  for (const [path, content] of files) entries[`${name}/${path}`] = strToU8(content)
  for (const node of tree.nodes.values()) {
    if (node.kind === 'folder' && node.children.length === 0) entries[`${name}/${node.path}/`] = {}
  }
  const zip = zipSync(entries, { level: 6 })
  const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `${name}.zip`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

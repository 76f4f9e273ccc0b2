import { fetchVersionJson } from '@weft/client'

/** One file of a project as it was at a version (GET …/export?format=json&version=…). */
export type PastFile = {
  id: string
  path: string
  content: string
  /** The file document's own version then, to restore just this file (null: never edited). */
  version: string | null
}

export type PastProject = { files: PastFile[]; folders: string[] }

export async function loadPastProject(
  documentName: string,
  token: string,
  version: string,
): Promise<PastProject> {
  const body = await fetchVersionJson<{ files?: PastFile[]; folders?: string[] }>(
    documentName,
    token,
    version,
  )
  const files = (body.files ?? []).map((file) => ({ ...file, version: file.version ?? null }))
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), folders: body.folders ?? [] }
}

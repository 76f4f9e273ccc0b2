/**
 * Reading and restoring a past version, including a code project's: a project's own document is
 * only its file tree, each file's content is its own document with its own log. "The project as
 * it was at version v" is the tree at v and every file at the newest of its versions made at or
 * before v's time; restoring the project restores each of those files too.
 */
import { fileDocName, ProjectModel } from '@weft/code-model'
import { type PrismaClient, versionAt, versionState, versionTime } from '@weft/db'
import { parseDocumentName } from '@weft/protocol'
import * as Y from 'yjs'
import type { ConnectionUser } from '../context.ts'
import { ApiError } from './apiResponse.ts'
import type { StateReader } from './exportDocument.ts'
import type { LiveDocuments, WriteResult } from './LiveDocuments.ts'

/** The full state of `name` at `version`, or the API error a client gets when there is none. */
export async function stateAt(
  prisma: PrismaClient,
  name: string,
  version: string,
): Promise<Uint8Array> {
  const target = await versionState(prisma, name, version)
  if (target.ok) return target.state
  if (target.problem === 'pruned')
    throw new ApiError(410, 'that version is older than the kept history (LOG_RETENTION_HOURS)')
  throw new ApiError(404, `${name} has no version ${version}`)
}

/** The project's files as they were at `at`: each file's own version id then (null: unedited). */
async function fileVersions(
  prisma: PrismaClient,
  projectId: string,
  tree: Uint8Array,
  at: Date,
): Promise<Map<string, string | null>> {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, tree)
    const versions = new Map<string, string | null>()
    for (const file of new ProjectModel(doc).tree().files) {
      const name = fileDocName(projectId, file.id)
      versions.set(name, await versionAt(prisma, name, at))
    }
    return versions
  } finally {
    doc.destroy()
  }
}

export interface PastReader {
  /** Reads any document of the export as it was at the version (a file: at the version's time). */
  read: StateReader
  /** For a code project: each file document's own version id at that time (null: unedited). */
  files: Map<string, string | null>
}

/**
 * A StateReader for exporting `name` as it was at `version`. For a code project, `version` may
 * be one of its own or of any of its files (its history lists both): it names a moment, and the
 * project then is its tree's newest version at that moment with every file's.
 */
export async function pastReader(
  prisma: PrismaClient,
  name: string,
  version: string,
): Promise<PastReader> {
  const parsed = parseDocumentName(name)
  if (parsed?.kind !== 'code' || parsed.subId) {
    const state = await stateAt(prisma, name, version)
    return { files: new Map(), read: async () => state }
  }
  const at = await versionTime(prisma, name, version, true)
  if (!at) throw new ApiError(404, `${name} has no version ${version}`)
  const treeVersion = await versionAt(prisma, name, at)
  if (!treeVersion) throw new ApiError(404, `${name} had no files yet at ${version}`)
  const tree = await stateAt(prisma, name, treeVersion)
  const files = await fileVersions(prisma, parsed.id, tree, at)
  return {
    files,
    read: async (documentName) => {
      if (documentName === name) return tree
      const fileVersion = files.get(documentName)
      // A file with no version then had only its template seed: an empty document says so.
      if (!fileVersion) return Y.encodeStateAsUpdate(new Y.Doc())
      return stateAt(prisma, documentName, fileVersion)
    },
  }
}

/**
 * Restores `name` to `version` as new forward changes. For a code project: its tree, then every
 * file of the restored tree that had been edited by then, each to its own version of that time.
 * A file still at its template seed then is left as it is now (its seed was never a logged
 * state to go back to).
 */
export async function restoreVersion(
  prisma: PrismaClient,
  live: LiveDocuments,
  name: string,
  version: string,
  user: ConnectionUser,
): Promise<WriteResult & { files?: number }> {
  const past = await pastReader(prisma, name, version)
  const at = await versionTime(prisma, name, version, true)
  const result = await live.restore(name, await past.read(name), user, {
    version,
    versionAt: at?.toISOString() ?? null,
  })
  const parsed = parseDocumentName(name)
  if (parsed?.kind !== 'code' || parsed.subId) return result
  // The files at once: each restore waits for its own log row, and they share one flush.
  const fileResults = await Promise.all(
    [...past.files].flatMap(([fileName, fileVersion]) =>
      fileVersion
        ? [
            stateAt(prisma, fileName, fileVersion).then((state) =>
              live.restore(fileName, state, user),
            ),
          ]
        : [],
    ),
  )
  return {
    changed: result.changed || fileResults.some((r) => r.changed),
    stored: result.stored && fileResults.every((r) => r.stored),
    files: fileResults.filter((r) => r.changed).length,
  }
}

/**
 * A document's versions grouped into sessions of editing, as a timeline shows them: one person's
 * run of edits with no pause longer than a gap is one session ("Ada, 14:02–14:20, 37 edits"),
 * not 37 rows. Snapshots (compactions, no author) join the session they fall in. The newest
 * version of a session is the state the session ended in: what previewing or restoring it shows.
 */

/** One entry of GET /api/documents/{name}/versions. */
export type VersionJson = {
  id: string
  /** Whose version (a code project's history includes its files'). */
  documentName?: string
  kind: 'update' | 'snapshot'
  at: string
  userId: string | null
  userName: string | null
  nodeId: string
}

export type EditingSession = {
  /** The newest version in the session: its id names the session. */
  id: string
  /** The state at the session's end: the newest version's id. */
  version: string
  start: string
  end: string
  /** Distinct authors, in order of their latest edit. */
  people: string[]
  /** Logged edits (snapshots are not counted). */
  edits: number
  versions: VersionJson[]
}

/** Ten minutes: a pause longer than a coffee break starts a new session. */
export const SESSION_GAP_MS = 10 * 60_000

function personOf(version: VersionJson): string | null {
  return version.userName || version.userId
}

/**
 * Sessions newest first, from versions newest first (as the API lists them). A new session starts
 * when the author changes or the pause before the next-newer version exceeds `gapMs`.
 */
export function groupEditingSessions(
  versions: readonly VersionJson[],
  gapMs: number = SESSION_GAP_MS,
): EditingSession[] {
  const sessions: EditingSession[] = []
  let current: EditingSession | null = null
  let author: string | null = null
  for (const version of versions) {
    const person = personOf(version)
    const at = Date.parse(version.at)
    const pause = current ? Date.parse(current.start) - at : 0
    const otherAuthor = person !== null && author !== null && person !== author
    if (!current || otherAuthor || pause > gapMs) {
      current = {
        id: version.id,
        version: version.id,
        start: version.at,
        end: version.at,
        people: [],
        edits: 0,
        versions: [],
      }
      sessions.push(current)
      author = null
    }
    current.versions.push(version)
    current.start = version.at
    if (version.kind === 'update') current.edits += 1
    if (person !== null) {
      author ??= person
      if (!current.people.includes(person)) current.people.push(person)
    }
  }
  return sessions
}

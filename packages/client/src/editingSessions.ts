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

/** A restore as the document's shared metadata records it (@weft/protocol RestoreRecord). */
export type RestoreJson = {
  at: number
  userId: string
  userName: string
  version: string
  versionAt: string | null
}

export type EditingSession = {
  /** The newest version in the session: its id names the session. */
  id: string
  /** Set when the session is one restore: what it brought back. */
  restore?: RestoreJson
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
 * How long after its record a restore's log entries may arrive: a code project's restore writes
 * its tree and then each file, each waiting for its log row. Edits by the same person in this
 * window after a restore are counted in it.
 */
const RESTORE_SPAN_MS = 30_000

/**
 * Which logged versions each restore made: its author's update versions logged in the span after
 * the record's time (the server records the time just before applying, on the node that logs
 * the entries, so they come at or after it). Each version belongs to one restore at most.
 */
export function matchRestores(
  versions: readonly VersionJson[],
  restores: readonly RestoreJson[],
): Map<string, RestoreJson> {
  const matched = new Map<string, RestoreJson>()
  for (const restore of [...restores].sort((a, b) => a.at - b.at)) {
    for (const version of versions) {
      const at = Date.parse(version.at)
      if (
        version.kind === 'update' &&
        version.userId === restore.userId &&
        at >= restore.at &&
        at - restore.at <= RESTORE_SPAN_MS &&
        !matched.has(version.id)
      )
        matched.set(version.id, restore)
    }
  }
  return matched
}

/**
 * Sessions newest first, from versions newest first (as the API lists them). A new session starts
 * when the author changes or the pause before the next-newer version exceeds `gapMs`; the versions
 * a restore made (`restores`, from matchRestores) are a session of their own.
 */
export function groupEditingSessions(
  versions: readonly VersionJson[],
  gapMs: number = SESSION_GAP_MS,
  restores: ReadonlyMap<string, RestoreJson> = new Map(),
): EditingSession[] {
  const sessions: EditingSession[] = []
  let current: EditingSession | null = null
  let author: string | null = null
  for (const version of versions) {
    const person = personOf(version)
    const at = Date.parse(version.at)
    const pause = current ? Date.parse(current.start) - at : 0
    const otherAuthor = person !== null && author !== null && person !== author
    // A snapshot belongs to whatever session it falls in; a session of only snapshots so far
    // takes on the next version's restore.
    const previous = current as EditingSession | null
    const restore: RestoreJson | undefined =
      version.kind === 'snapshot' ? previous?.restore : restores.get(version.id)
    if (previous && previous.edits === 0 && restore && !previous.restore) previous.restore = restore
    if (!current || otherAuthor || pause > gapMs || restore !== current.restore) {
      current = {
        id: version.id,
        version: version.id,
        start: version.at,
        end: version.at,
        people: [],
        edits: 0,
        versions: [],
        ...(restore ? { restore } : {}),
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

import {
  DOCUMENT_META_ROOT,
  DOCUMENT_RESTORES_KEY,
  type EditingSession,
  fetchVersions,
  groupEditingSessions,
  matchRestores,
  type RestoreJson,
  SESSION_GAP_MS,
  type VersionJson,
} from '@weft/client'
import type * as Y from 'yjs'
import { useRefreshingFetch } from './useRefreshingFetch.ts'
import { describeWhen } from './useVersionPreview.ts'

type Props = {
  documentName: string
  token: string
  /** The live document: the timeline refreshes shortly after it changes. */
  doc: Y.Doc | null
  /** The session being previewed (its id). */
  selected: string | null
  onSelect: (session: EditingSession) => void
  onClose: () => void
}

const REFRESH_MS = 2000

const WHEN: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}

function restoresIn(doc: Y.Doc | null): RestoreJson[] {
  const list = doc?.getMap(DOCUMENT_META_ROOT).get(DOCUMENT_RESTORES_KEY) as
    | Y.Array<RestoreJson>
    | undefined
  return typeof list?.toArray === 'function' ? list.toArray() : []
}

/** One version of a session as a session of its own, to preview just that state. */
function single(version: VersionJson, session: EditingSession): EditingSession {
  const person = version.userName || version.userId
  return {
    id: version.id,
    version: version.id,
    start: version.at,
    end: version.at,
    people: person ? [person] : [],
    edits: version.kind === 'update' ? 1 : 0,
    versions: [version],
    ...(session.restore && session.version === version.id ? { restore: session.restore } : {}),
  }
}

/**
 * Version history: the document's versions from the server (snapshots and logged edits, so
 * edits made before this user arrived too) grouped into sessions of editing, newest first. Each
 * session opens a read-only preview of the state it ended in; a restore shows up at the top as
 * the newest session, by whoever restored.
 */
export function HistoryPanel({ documentName, token, doc, selected, onSelect, onClose }: Props) {
  const {
    data: sessions,
    error,
    refresh,
  } = useRefreshingFetch(doc, `${documentName}\n${token}`, REFRESH_MS, async () => {
    const versions = await fetchVersions(documentName, token)
    const restores = matchRestores(versions, restoresIn(doc))
    return groupEditingSessions(versions, SESSION_GAP_MS, restores)
  })

  return (
    <aside className="history" data-testid="history-panel" aria-label="Version history">
      <div className="history-head">
        <h2>Version history</h2>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        <button type="button" onClick={onClose} aria-label="Close version history">
          ×
        </button>
      </div>
      {error && <p className="error">History unavailable: {error}</p>}
      {sessions === null && !error && <p className="muted">Loading…</p>}
      {sessions?.length === 0 && <p className="muted">No saved versions yet.</p>}
      <ol className="history-list">
        {sessions?.map((session, index) => (
          <li key={session.id} data-testid="history-session">
            <button
              type="button"
              aria-current={selected === session.id ? 'true' : undefined}
              className={selected === session.id ? 'on' : ''}
              onClick={() => onSelect(session)}
            >
              <span className="who">{session.people.join(', ') || 'Saved state'}</span>
              {session.restore && (
                <span className="restored">
                  restored the version of{' '}
                  {session.restore.versionAt
                    ? new Date(session.restore.versionAt).toLocaleString(undefined, WHEN)
                    : session.restore.version}
                </span>
              )}
              <time dateTime={session.end}>
                {new Date(session.end).toLocaleString(undefined, WHEN)}
              </time>
              <span className="muted">
                {index === 0 ? 'Latest · ' : ''}
                {session.edits} {session.edits === 1 ? 'edit' : 'edits'}
              </span>
              <span className="visually-hidden">
                Preview the version of {describeWhen(session)}
              </span>
            </button>
            {session.versions.length > 1 && (
              <details>
                <summary>{session.versions.length} versions in this session</summary>
                <ol>
                  {session.versions.map((version) => (
                    <li key={version.id}>
                      <button
                        type="button"
                        className={selected === version.id ? 'on' : ''}
                        aria-current={selected === version.id ? 'true' : undefined}
                        onClick={() => onSelect(single(version, session))}
                        data-testid="history-version"
                      >
                        <time dateTime={version.at}>
                          {new Date(version.at).toLocaleString(undefined, WHEN)}
                        </time>
                        <span className="muted">
                          {version.kind === 'snapshot'
                            ? 'saved state'
                            : (version.userName ?? version.userId ?? '')}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ol>
    </aside>
  )
}

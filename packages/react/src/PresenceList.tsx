import type { AwarenessUser, Identity } from '@weft/client'
import { describeConnections, distinctPeople, presencePeople } from '@weft/client'
import type { ReactNode } from 'react'
import { readableText } from './readableText.ts'
import type { Presence } from './usePresence.ts'

const AWARENESS_ONLY: Presence['users'] = []
/** The chip colour of someone presence lists but awareness has not coloured yet. */
const UNKNOWN = '#5f6670'

export type PresenceListProps = {
  users: readonly AwarenessUser<unknown>[]
  me: Identity
  /** What my own entry shows: my name as the button that opens the "you" menu (YouMenu). */
  you: ReactNode
  /** For screen readers: "People in this grid". */
  label: string
  /**
   * The fleet-wide presence service's list for the document (people on every node, with how
   * many connections and nodes), merged with awareness (colours, and anyone presence has not
   * listed yet). Without it the list is awareness alone.
   */
  online?: Presence
}

/** Who is in this document now, me first; clicking my own name opens the "you" menu. */
export function PresenceList({ users, me, you, label, online }: PresenceListProps) {
  const people = presencePeople(online?.users ?? AWARENESS_ONLY, distinctPeople(users), me)
  return (
    <ul
      className="presence"
      data-testid="presence"
      data-presence-status={online?.status}
      aria-label={label}
    >
      {people.map((p) => {
        const who = p.isMe ? 'You — click to set your name and colour' : p.name
        return (
          <li
            key={p.id}
            data-user={p.name}
            data-source={p.source}
            data-connections={p.connections}
            // Text in black or white, whichever reads on the person's colour (4.5:1 or more).
            style={{ background: p.color ?? UNKNOWN, color: readableText(p.color ?? UNKNOWN) }}
            title={online ? `${who} · ${describeConnections(p)}` : who}
          >
            {p.isMe ? you : p.name}
            {p.connections !== undefined && p.nodes && (p.connections > 1 || p.nodes.length > 1) ? (
              <small className="presence-marker" data-testid="presence-marker">
                {` ×${p.connections}`}
                {p.nodes.length > 1 ? ` · ${p.nodes.length} nodes` : ''}
              </small>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}

import type { AwarenessUser, Identity } from '@weft/client'
import { describeConnections, distinctPeople, presencePeople } from '@weft/client'
import type { Presence } from '@weft/react'

type Props = {
  users: AwarenessUser<unknown>[]
  online: Presence
  me: Identity
  onRename: (name: string) => void
}

/**
 * Who is in this grid now: the fleet-wide presence service (people on every node, with how many
 * connections and nodes) merged with awareness (colours, and anyone presence has not listed yet).
 */
export function PresenceList({ users, online, me, onRename }: Props) {
  const people = presencePeople(online.users, distinctPeople(users), me)
  return (
    <ul
      className="presence"
      data-testid="presence"
      data-presence-status={online.status}
      aria-label="People in this grid"
    >
      {people.map((p) => (
        <li
          key={p.id}
          data-user={p.name}
          data-source={p.source}
          data-connections={p.connections}
          style={{ background: p.color ?? 'var(--presence-unknown, #868e96)' }}
          title={`${p.isMe ? 'You — click to rename' : p.name} · ${describeConnections(p)}`}
        >
          {p.isMe ? (
            <button
              type="button"
              onClick={() => {
                const name = window.prompt('Your name', me.name)
                if (name?.trim()) onRename(name.trim())
              }}
            >
              {p.name} (you)
            </button>
          ) : (
            p.name
          )}
          {p.connections !== undefined && p.nodes && (p.connections > 1 || p.nodes.length > 1) ? (
            <small className="presence-marker" data-testid="presence-marker">
              {` ×${p.connections}`}
              {p.nodes.length > 1 ? ` · ${p.nodes.length} nodes` : ''}
            </small>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

import type { AwarenessUser, Identity } from '@weft/client'
import { distinctPeople } from '@weft/client'

type Props = { users: AwarenessUser<unknown>[]; me: Identity; onRename: (name: string) => void }

/** Who is in this project now (awareness of the project document). */
export function PresenceList({ users, me, onRename }: Props) {
  const people = distinctPeople(users)
  if (!people.some((p) => p.id === me.id)) people.unshift(me)
  return (
    <ul className="presence" data-testid="presence" aria-label="People in this project">
      {people.map((p) => (
        <li
          key={p.id}
          style={{ background: p.color }}
          title={p.id === me.id ? 'You — click to rename' : p.name}
        >
          {p.id === me.id ? (
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
        </li>
      ))}
    </ul>
  )
}

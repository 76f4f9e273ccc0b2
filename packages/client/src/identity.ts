import { HEX, randomId } from '@weft/protocol/randomId'

/** Who the user is, as shown to others (presence, cell authorship, activity). */
export type Identity = { id: string; name: string; color: string }

/** The subset of Storage this module needs; lets tests pass a Map-backed fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'> &
  Partial<Pick<Storage, 'removeItem'>>

const IDENTITY_KEY = 'weft.identity'

// Colours picked to stay readable as a 2px outline and as a name tag background with white text.
export const USER_COLORS = [
  '#d9480f',
  '#2b8a3e',
  '#1971c2',
  '#9c36b5',
  '#c2255c',
  '#0c8599',
  '#5f3dc4',
  '#e67700',
] as const

const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Badger', 'Falcon', 'Marten', 'Ibis', 'Wren', 'Hare']

function randomInt(max: number): number {
  const a = new Uint32Array(1)
  crypto.getRandomValues(a)
  return (a[0] as number) % max
}

export function newIdentity(): Identity {
  const id = `u-${randomId(8, HEX)}`
  return {
    id,
    name: `${ANIMALS[randomInt(ANIMALS.length)]} ${100 + randomInt(900)}`,
    color: USER_COLORS[randomInt(USER_COLORS.length)] as string,
  }
}

/** The stored identity, creating and storing one on first visit. */
export function loadIdentity(store: KeyValueStore): Identity {
  const raw = store.getItem(IDENTITY_KEY)
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Identity>
      if (parsed.id && parsed.name && parsed.color) return parsed as Identity
    } catch {
      // Corrupt entry: fall through and replace it.
    }
  }
  const identity = newIdentity()
  saveIdentity(store, identity)
  return identity
}

export function saveIdentity(store: KeyValueStore, identity: Identity): void {
  store.setItem(IDENTITY_KEY, JSON.stringify(identity))
}

import { ProfileError, USER_COLORS } from '@weft/client'
import { type FormEvent, useId, useRef, useState } from 'react'
import type { Session } from './useSession.ts'

/** Names for the palette's colours, for screen readers and tooltips. */
const COLOR_NAMES: Record<string, string> = {
  '#d9480f': 'Orange',
  '#2b8a3e': 'Green',
  '#1971c2': 'Blue',
  '#9c36b5': 'Purple',
  '#c2255c': 'Raspberry',
  '#0c8599': 'Teal',
  '#5f3dc4': 'Violet',
  '#e67700': 'Amber',
}

/** The server's limit (identity/profileInput.ts); it also refuses longer names itself. */
const MAX_NAME = 60

/**
 * "You" in the top bar: your name, which opens a small dialog to set your display name and
 * colour (kept on the server, shown to everyone: docs/identity.md), and to sign in or out when
 * the node offers OpenID Connect sign-in. A native modal dialog: focus moves into it, Escape
 * closes it and focus returns to the button.
 */
export function YouMenu({ session }: { session: Session }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState(session.identity.name)
  const [color, setColor] = useState(session.identity.color)
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const ids = useId()
  const signIn = session.profileError?.signIn
  const open = () => {
    setName(session.identity.name)
    setColor(session.identity.color)
    setError('')
    dialog.current?.showModal()
  }
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setSaving(true)
    setError('')
    try {
      await session.saveProfile({ name: name.trim(), color })
      dialog.current?.close()
    } catch (cause) {
      setError(
        cause instanceof ProfileError
          ? `Not saved: ${cause.message}.`
          : 'Not saved: the server cannot be reached.',
      )
    } finally {
      setSaving(false)
    }
  }
  if (signIn)
    return (
      <a className="you-sign-in" href={`${signIn}?return=${encodeURIComponent(location.pathname)}`}>
        Sign in
      </a>
    )
  const palette = (USER_COLORS as readonly string[]).includes(color)
    ? USER_COLORS
    : [...USER_COLORS, color]
  return (
    <>
      <button
        type="button"
        className="you-button"
        aria-haspopup="dialog"
        data-testid="you-button"
        onClick={open}
      >
        {session.identity.name} (you)
      </button>
      <dialog ref={dialog} className="you-dialog" aria-labelledby={`${ids}-title`}>
        <form onSubmit={save}>
          <h2 id={`${ids}-title`}>You</h2>
          <label htmlFor={`${ids}-name`}>Display name</label>
          <input
            id={`${ids}-name`}
            value={name}
            maxLength={MAX_NAME}
            required
            autoComplete="nickname"
            onChange={(event) => setName(event.target.value)}
          />
          <fieldset>
            <legend>Colour</legend>
            <div className="you-colors">
              {palette.map((c) => (
                <label
                  key={c}
                  className="you-color"
                  style={{ background: c }}
                  title={COLOR_NAMES[c] ?? c}
                >
                  <input
                    type="radio"
                    name={`${ids}-color`}
                    value={c}
                    checked={color === c}
                    aria-label={COLOR_NAMES[c] ?? c}
                    onChange={() => setColor(c)}
                  />
                </label>
              ))}
            </div>
          </fieldset>
          <p className="you-hint">Everyone in a document sees this name and colour.</p>
          <p role="alert" className="you-error">
            {error}
          </p>
          <div className="you-actions">
            <button type="submit" disabled={saving}>
              Save
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            {session.me?.signOut ? <a href={session.me.signOut}>Sign out</a> : null}
          </div>
        </form>
      </dialog>
    </>
  )
}

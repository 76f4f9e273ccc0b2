import {
  ApiProblem,
  type AwarenessUser,
  createShare,
  distinctPeople,
  listShares,
  revokeShare,
  type ShareJson,
} from '@weft/client'
import { useCallback, useEffect, useId, useRef, useState } from 'react'

const EXPIRIES = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
] as const

type Listing = { owner: { id: string; name: string | null } | null; shares: ShareJson[] }

/**
 * The top bar's "Share" button and its dialog (a modal `<dialog>`: focus moves into it, Escape
 * closes it and focus returns to the button). The document's owner creates read or write links
 * with an expiry, copies them and revokes them; everyone sees who has access: the owner, the
 * link holders who opened a link, and who is in the document now. Anyone else is told, in the
 * server's words, why they cannot share (not the owner; open dev mode).
 */
export function ShareButton({
  documentName,
  token,
  users,
}: {
  documentName: string
  token: string
  users: readonly AwarenessUser<unknown>[]
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        data-testid="share-button"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true)
          dialog.current?.showModal()
        }}
      >
        Share
      </button>
      <dialog
        ref={dialog}
        className="share-dialog"
        aria-label="Share"
        data-testid="share-dialog"
        onClose={() => setOpen(false)}
      >
        {open && (
          <ShareContent
            documentName={documentName}
            token={token}
            users={users}
            onClose={() => dialog.current?.close()}
          />
        )}
      </dialog>
    </>
  )
}

function ShareContent({
  documentName,
  token,
  users,
  onClose,
}: {
  documentName: string
  token: string
  users: readonly AwarenessUser<unknown>[]
  onClose: () => void
}) {
  const ids = useId()
  const [listing, setListing] = useState<Listing | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [role, setRole] = useState<'read' | 'write'>('read')
  const [hours, setHours] = useState<number>(24 * 7)

  const load = useCallback(async () => {
    try {
      setListing(await listShares(documentName, token))
      setRefusal(null)
    } catch (error) {
      setRefusal(wordsOf(error))
    }
  }, [documentName, token])
  useEffect(() => {
    void load()
  }, [load])

  const create = async () => {
    try {
      const share = await createShare(documentName, token, { role, expiresInHours: hours })
      setStatus(`${role === 'read' ? 'View-only' : 'Edit'} link created: copy it below.`)
      await load()
      return share
    } catch (error) {
      setStatus(wordsOf(error))
    }
  }
  const revoke = async (share: ShareJson) => {
    try {
      await revokeShare(documentName, share.id, token)
      setStatus('Link turned off: it no longer opens this document.')
      await load()
    } catch (error) {
      setStatus(wordsOf(error))
    }
  }
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      setStatus('Link copied.')
    } catch {
      setStatus('Copying was not allowed: select the link and copy it yourself.')
    }
  }

  const now = distinctPeople(users)
  const openers = (listing?.shares ?? []).flatMap((share) =>
    share.openedBy.map((person) => ({ ...person, role: share.role })),
  )
  return (
    <div>
      <h2>Share</h2>
      {refusal ? (
        <p data-testid="share-refusal">{refusal}</p>
      ) : (
        <form
          className="share-create"
          onSubmit={(event) => {
            event.preventDefault()
            void create()
          }}
        >
          <label htmlFor={`${ids}-role`}>
            Anyone with the link
            <select
              id={`${ids}-role`}
              value={role}
              onChange={(event) => setRole(event.target.value === 'write' ? 'write' : 'read')}
            >
              <option value="read">can view</option>
              <option value="write">can edit</option>
            </select>
          </label>
          <label htmlFor={`${ids}-expiry`}>
            Expires after
            <select
              id={`${ids}-expiry`}
              value={hours}
              onChange={(event) => setHours(Number(event.target.value))}
            >
              {EXPIRIES.map((expiry) => (
                <option key={expiry.hours} value={expiry.hours}>
                  {expiry.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Create link</button>
        </form>
      )}
      <p role="status" className="share-status" data-testid="share-status">
        {status}
      </p>
      {listing && (
        <section aria-labelledby={`${ids}-links`}>
          <h3 id={`${ids}-links`}>Links</h3>
          {listing.shares.length === 0 ? (
            <p>No live links.</p>
          ) : (
            <ul className="share-links" data-testid="share-links">
              {listing.shares.map((share) => {
                const url = new URL(share.url, location.origin).toString()
                return (
                  <li key={share.id} data-testid="share-link" data-role={share.role}>
                    <label>
                      {share.role === 'read' ? 'View-only link' : 'Edit link'}, expires{' '}
                      {new Date(share.expiresAt).toLocaleString()}
                      <input readOnly value={url} data-testid="share-url" />
                    </label>
                    <button type="button" onClick={() => void copy(url)}>
                      Copy
                    </button>
                    <button type="button" onClick={() => void revoke(share)}>
                      Turn off
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby={`${ids}-access`}>
        <h3 id={`${ids}-access`}>Who has access</h3>
        <ul className="share-access" data-testid="share-access">
          {listing?.owner && <li>{listing.owner.name ?? listing.owner.id} — owner</li>}
          {openers.map((person) => (
            <li key={`${person.id}:${person.role}`}>
              {person.name ?? person.id} — opened a {person.role === 'read' ? 'view' : 'edit'} link
            </li>
          ))}
          {now.map((person) => (
            <li key={`now:${person.id}`}>{person.name} — in it now</li>
          ))}
        </ul>
      </section>
      <p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    </div>
  )
}

function wordsOf(error: unknown): string {
  const message = error instanceof ApiProblem ? error.message : 'something went wrong'
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`
}

import { ApiProblem, createDocumentWithId, type DocumentKind, getDocumentInfo } from '@weft/client'
import { type ReactNode, useCallback, useEffect, useState } from 'react'
import { usePageTitle } from './usePageTitle.ts'
import { useSession } from './useSession.ts'

type GateState =
  | { kind: 'checking' }
  | { kind: 'open' }
  | { kind: 'missing' }
  | { kind: 'creating' }
  | { kind: 'problem'; title: string; words: string; nextStep: string }

/**
 * Opens an app only on a document that exists: asks the documents API first. A valid id nobody
 * has created gets "This document doesn't exist — create it?" instead of a silently new empty
 * document; a refusal (bad token, no access, storage down, server unreachable) gets its words
 * and what to do. `fresh`: the app's own "new document" address made this id just now, so the
 * gate creates it without asking.
 */
export function DocumentGate({
  kind,
  id,
  fresh = false,
  brand,
  children,
}: {
  kind: DocumentKind
  id: string
  fresh?: boolean
  brand: string
  children: ReactNode
}) {
  const name = `${kind}:${id}`
  const { token } = useSession(name)
  const [state, setState] = useState<GateState>({ kind: fresh ? 'creating' : 'checking' })

  const check = useCallback(async () => {
    try {
      if (fresh) await createDocumentWithId(kind, id, token)
      await getDocumentInfo(name, token)
      setState({ kind: 'open' })
    } catch (error) {
      setState(stateFor(error))
    }
  }, [fresh, kind, id, name, token])

  useEffect(() => {
    void check()
  }, [check])

  const create = async () => {
    setState({ kind: 'creating' })
    try {
      await createDocumentWithId(kind, id, token)
      setState({ kind: 'open' })
    } catch (error) {
      setState(stateFor(error))
    }
  }

  usePageTitle(state.kind === 'missing' ? 'Not found' : id, brand)
  if (state.kind === 'open') return <>{children}</>
  if (state.kind === 'checking' || state.kind === 'creating')
    return (
      <main className="gate" data-testid="loading">
        <p role="status">{state.kind === 'creating' ? 'Creating…' : 'Opening…'}</p>
      </main>
    )
  if (state.kind === 'missing')
    return (
      <main className="gate" data-testid="document-missing">
        <h1>This document doesn’t exist</h1>
        <p>
          No {kind} called <code>{id}</code> has been created. Check the link you followed — or
          create it now, and it will be yours.
        </p>
        <p>
          <button type="button" onClick={() => void create()}>
            Create it
          </button>{' '}
          <a href="/">Go to your documents</a>
        </p>
      </main>
    )
  return (
    <main className="gate" data-testid="document-problem" role="alert">
      <h1>{state.title}</h1>
      <p>{state.words}</p>
      <p>{state.nextStep}</p>
      <p>
        <button type="button" onClick={() => void check()}>
          Try again
        </button>{' '}
        <a href="/">Go to your documents</a>
      </p>
    </main>
  )
}

function stateFor(error: unknown): GateState {
  const problem =
    error instanceof ApiProblem ? error : new ApiProblem(0, 'the request could not be made')
  const words = `${capitalize(problem.message)}.`
  switch (problem.status) {
    case 404:
      return { kind: 'missing' }
    case 0:
      return {
        kind: 'problem',
        title: 'Cannot reach the server',
        words,
        nextStep: 'Check your network connection, then try again.',
      }
    case 401:
      return {
        kind: 'problem',
        title: 'Your sign-in was not accepted',
        words,
        nextStep: 'Open the link you were given again, or sign in again.',
      }
    case 403:
      return {
        kind: 'problem',
        title: 'You have no access to this document',
        words,
        nextStep: 'Ask its owner to share it with you.',
      }
    case 503:
      // Storage is away: whether the document exists cannot be asked, but a node may still
      // serve it from memory. The app opens; if its socket is refused too (1011), the app
      // says so in words (ConnectionProblem).
      return { kind: 'open' }
    default:
      return {
        kind: 'problem',
        title: 'This document cannot be opened',
        words,
        nextStep: 'Try again in a moment.',
      }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

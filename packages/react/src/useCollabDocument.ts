import type { HocuspocusProvider } from '@hocuspocus/provider'
import { type DocumentState, useDocumentState } from './useDocumentState.ts'
import { type Presence, usePresence } from './usePresence.ts'
import { useProvider } from './useProvider.ts'
import { type Session, useSession } from './useSession.ts'

export type CollabDocument<State> = DocumentState<State> & {
  session: Session
  provider: HocuspocusProvider | null
  /** Fleet-wide presence for the document. */
  online: Presence
}

/**
 * One app page on one document: this browser's session, a provider of its own for the document,
 * the provider's state, and fleet-wide presence.
 */
export function useCollabDocument<State = Record<string, unknown>>(
  documentName: string,
  /**
   * `connect: false` holds the provider (and its WebSocket) back: the Grid app first paints the
   * sheet's first screen, since applying a large first sync blocks the page for seconds.
   */
  options: { connect?: boolean } = {},
): CollabDocument<State> {
  const session = useSession(documentName)
  const provider = useProvider(
    documentName,
    session.token,
    session.identity,
    session.revision,
    options.connect ?? true,
  )
  const state = useDocumentState<State>(provider)
  const online = usePresence(documentName, session.token)
  return { ...state, session, provider, online }
}

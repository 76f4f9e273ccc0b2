import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { AwarenessUser, ConnectionStatus } from '@weft/client'
import { useAwarenessUsers } from './useAwarenessUsers.ts'
import { useConnectionStatus } from './useConnectionStatus.ts'
import { useDocVersion } from './useDocVersion.ts'
import { useSynced } from './useSynced.ts'

export type DocumentState<State> = {
  /** True once the first full sync with the server is done. */
  synced: boolean
  status: ConnectionStatus
  /** Changes after each transaction on the doc (one bump per animation frame). */
  version: number
  /** Everyone connected to the document, this client included. */
  users: AwarenessUser<State>[]
}

/** What every app's shell watches on its document's provider (null while there is none). */
export function useDocumentState<State = Record<string, unknown>>(
  provider: HocuspocusProvider | null,
): DocumentState<State> {
  const synced = useSynced(provider)
  const status = useConnectionStatus(provider)
  const version = useDocVersion(provider?.document ?? null)
  const users = useAwarenessUsers<State>(provider)
  return { synced, status, version, users }
}

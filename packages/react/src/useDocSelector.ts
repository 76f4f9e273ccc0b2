import { sharedDocChangeStore } from '@weft/client'
import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { docSelection } from './docSelection.ts'

const noChanges = () => () => {}

/**
 * What `select` reads from the document, kept current: recomputed after the doc's transactions
 * (at most once per animation frame, see watchDocVersion) and whenever `select` itself changes.
 * Pass a stable `select` (useCallback over what it reads), so its dependencies are the real
 * ones; with `doc` null it is computed once per `select`, with no subscription.
 */
export function useDocSelector<T>(doc: Y.Doc | null, select: () => T): T {
  // One store per doc for every view of it: they all move to a new revision together.
  const store = useMemo(() => (doc ? sharedDocChangeStore(doc) : null), [doc])
  // One memo per (store, select): the same revision gives the same value (docSelection.ts).
  const selection = useMemo(() => docSelection(store, select), [store, select])
  return useSyncExternalStore(store?.subscribe ?? noChanges, selection)
}

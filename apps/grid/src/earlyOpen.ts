/**
 * What main.tsx starts before React mounts for an existing sheet, all at once beside the gate's
 * documents API check: the first screen's fetch (decision 0195) and the provider, whose WebSocket
 * opens now so that the node's load and send of the sheet overlap the page's own start (decision
 * 0205). What the node sends is held until the first screen is painted (or there is none to
 * paint): applying a large first sync before that frame would delay it.
 */
import {
  getDocumentInfo,
  identityForToken,
  loadIdentity,
  type PreparedProvider,
  prepareProvider,
  resolveToken,
} from '@weft/client'
import type { FirstScreen } from '@weft/grid-model'
import { loadFirstScreen } from './firstScreen.ts'

export type EarlyOpen = {
  /** The gate's documents API check, asked before the WebSocket opens (DocumentGate `started`). */
  gate: { token: string; answer: Promise<unknown> }
  firstScreen: Promise<FirstScreen | null>
  provider: PreparedProvider
}

export function openEarly(documentName: string): EarlyOpen {
  // As useSession computes them: the provider is taken only if they still match.
  const stored = loadIdentity(localStorage)
  const token = resolveToken(location.search, localStorage, stored, undefined, documentName)
  // In this order on the wire: the node answers the two small requests before it loads and sends
  // the sheet for the socket (a cold load's parse blocks its event loop).
  const firstScreen = loadFirstScreen(documentName, token)
  const answer = getDocumentInfo(documentName, token)
  // The gate reads a refusal; until then it is not an unhandled rejection.
  answer.catch(() => {})
  return {
    gate: { token, answer },
    firstScreen,
    provider: prepareProvider({ documentName, token, identity: identityForToken(token, stored) }),
  }
}

/**
 * WebSocket close codes a node sends when it refuses or ends a connection, and the words the
 * apps show for them. 4401/4403/4408 are Hocuspocus's (@hocuspocus/common CloseEvents); the
 * 44xx others are Weft's own, in the 4400–4499 range the apps treat as "the server said no";
 * the 10xx ones are RFC 6455's, named here so no module spells them as bare numbers.
 */
export const CloseCodes = {
  /** A frame that is not a valid Yjs update (the socket is closed before any of it applies). */
  invalidPayload: 1007,
  /** A frame above MAX_MESSAGE_BYTES (closed by the WebSocket layer itself). */
  messageTooBig: 1009,
  unauthorized: 4401,
  forbidden: 4403,
  /** No document authenticated within AUTH_TIMEOUT_MS. */
  authenticationTimeout: 4408,
  /** A change that breaks the document's rules (e.g. a malformed Canvas shape): refused whole. */
  invalidContent: 4422,
  /** The socket kept sending faster than its rate limit (FLOOD_CLOSE_AFTER_MS). */
  sendingTooFast: 4429,
  /** MAX_CONNECTIONS_PER_USER reached on this node. */
  tooManyConnections: 4430,
  /** MAX_DOCUMENTS_PER_CONNECTION reached on this socket. */
  tooManyDocuments: 4431,
  /** This source address failed authentication too often (AUTH_FAILURES_PER_MINUTE). */
  authenticationThrottled: 4432,
} as const

/** RFC 6455 codes a node closes with when it cannot serve now (apps/server refusals.ts). */
const DEPENDENCY_DOWN = 1011
const TRY_AGAIN_LATER = 1013

const WORDS: Record<number, string> = {
  [CloseCodes.unauthorized]:
    'sign-in rejected: the access token is missing, invalid or expired. Open your link again or sign in again',
  [CloseCodes.forbidden]:
    'no access to this document (or the share link was turned off). Ask its owner to share it with you',
  [CloseCodes.authenticationTimeout]: 'the server did not receive a sign-in in time',
  [CloseCodes.invalidContent]: 'the server refused a change that breaks the rules of this document',
  [CloseCodes.sendingTooFast]: 'disconnected for sending too fast',
  [CloseCodes.tooManyConnections]: 'too many open tabs: close some and reload',
  [CloseCodes.tooManyDocuments]: 'too many documents open in this tab',
  [CloseCodes.authenticationThrottled]: 'too many failed sign-ins: try again in a few minutes',
  [CloseCodes.messageTooBig]:
    'a change was too large to send (over the server’s size limit). Undo it, or paste less at once',
  [DEPENDENCY_DOWN]:
    'the server’s storage is unavailable, so the document cannot be opened now. Retrying; nothing you typed is lost',
  [TRY_AGAIN_LATER]:
    'the server is holding all the unsaved changes it can while its storage is away. Your edits are kept here and sent when it is back',
  [CloseCodes.invalidPayload]: 'the server refused a damaged change',
}

/** What to tell a user whose socket could not reach the server at all. */
export const UNREACHABLE_WORDS = 'cannot reach the server. Check your network; retrying'

/** What to tell a user about a close code, or null for ordinary closes (network, restarts). */
export function closeReasonInWords(code: number): string | null {
  return WORDS[code] ?? null
}

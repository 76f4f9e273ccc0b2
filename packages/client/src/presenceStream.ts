/**
 * Fleet-wide presence (docs/presence.md): the SSE stream `GET /api/presence/stream`, read with
 * fetch + a streaming body parser rather than EventSource, so that the token travels in the
 * Authorization header (not in the URL and access logs), a 401 is seen as a 401 (EventSource
 * only reports "error"), and the same code runs in Node (which has no global EventSource).
 */

/** One user online in one document, across the fleet. */
export type OnlineUser = {
  sub: string
  name: string
  /** Nodes the user is connected through. */
  nodes: string[]
  /** Document connections (tabs) the user has open. */
  connections: number
}

/** The `event: presence` payload (and the `GET /api/presence` answer). */
export type PresenceSnapshot = {
  documents: Record<string, OnlineUser[]>
  /** Distinct users across the documents shown. */
  users: number
  at: string
}

/**
 * `connecting`: (re)connecting; `open`: live; `unauthorized`: 401/403, not retried (the token
 * will not get better); `unavailable`: no answer or an HTTP error, retried with backoff.
 */
export type PresenceStreamStatus = 'connecting' | 'open' | 'unauthorized' | 'unavailable'

export type PresenceStreamOptions = {
  /** One document (`grid:team`); absent: every document the token may read. */
  document?: string
  token: string
  onSnapshot: (snapshot: PresenceSnapshot) => void
  onStatus?: (status: PresenceStreamStatus) => void
  /** Prefix for the URL, e.g. `http://127.0.0.1:8080`; default the page's own origin. */
  baseUrl?: string
  fetch?: typeof fetch
  /** Reconnect delay: starts at minDelayMs, doubles per failure up to maxDelayMs. */
  minDelayMs?: number
  maxDelayMs?: number
}

/** One Server-Sent Event (only the fields this API uses). */
export type SseEvent = { event: string; data: string; id?: string }

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded text in chunks
 * of any size; it returns the events completed by each chunk.
 */
export class SseParser {
  private buffer = ''
  private event = ''
  private data: string[] = []
  private id: string | undefined
  /** The last `retry:` value the server sent, in ms. */
  retryMs: number | undefined

  push(text: string): SseEvent[] {
    this.buffer += text
    const out: SseEvent[] = []
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer)
      if (!match) break
      // A trailing CR might be the first half of CRLF: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break
      const line = this.buffer.slice(0, match.index)
      this.buffer = this.buffer.slice(match.index + match[0].length)
      const event = this.line(line)
      if (event) out.push(event)
    }
    return out
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = ''
        return null
      }
      const event: SseEvent = { event: this.event || 'message', data: this.data.join('\n') }
      if (this.id !== undefined) event.id = this.id
      this.event = ''
      this.data = []
      return event
    }
    if (line.startsWith(':')) return null
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') this.event = value
    else if (field === 'data') this.data.push(value)
    else if (field === 'id' && !value.includes('\0')) this.id = value
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value)
    return null
  }
}

function isSnapshot(value: unknown): value is PresenceSnapshot {
  if (typeof value !== 'object' || value === null) return false
  const documents = (value as { documents?: unknown }).documents
  if (typeof documents !== 'object' || documents === null) return false
  return Object.values(documents).every(Array.isArray)
}

export function presenceStreamUrl(options: Pick<PresenceStreamOptions, 'document' | 'baseUrl'>) {
  const query = options.document ? `?document=${encodeURIComponent(options.document)}` : ''
  return `${options.baseUrl ?? ''}/api/presence/stream${query}`
}

/**
 * Subscribes to the presence stream; reconnects with exponential backoff (and jitter) whenever
 * the stream fails or ends. Returns the unsubscribe function, which also aborts the request.
 */
export function subscribePresence(options: PresenceStreamOptions): () => void {
  const doFetch = options.fetch ?? fetch
  const minDelay = options.minDelayMs ?? 1000
  const maxDelay = options.maxDelayMs ?? 30_000
  const abort = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let status: PresenceStreamStatus | undefined
  const setStatus = (next: PresenceStreamStatus) => {
    if (next === status || abort.signal.aborted) return
    status = next
    options.onStatus?.(next)
  }

  const connect = async () => {
    setStatus('connecting')
    const parser = new SseParser()
    try {
      const response = await doFetch(presenceStreamUrl(options), {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: abort.signal,
      })
      if (response.status === 401 || response.status === 403) {
        await response.body?.cancel()
        setStatus('unauthorized')
        return
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel()
        throw new Error(`HTTP ${response.status}`)
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        for (const event of parser.push(value)) {
          if (event.event !== 'presence') continue
          let snapshot: unknown
          try {
            snapshot = JSON.parse(event.data)
          } catch {
            continue
          }
          if (!isSnapshot(snapshot)) continue
          failures = 0
          setStatus('open')
          if (!abort.signal.aborted) options.onSnapshot(snapshot)
        }
      }
    } catch {
      // Network error, HTTP error or abort: the retry below decides.
    }
    if (abort.signal.aborted) return
    setStatus('unavailable')
    const base = parser.retryMs ?? minDelay
    const delay = Math.min(maxDelay, base * 2 ** failures)
    failures += 1
    timer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5))
  }

  void connect()
  return () => {
    abort.abort()
    if (timer !== undefined) clearTimeout(timer)
  }
}

/** The users online in one document of a snapshot (empty when nobody is). */
export function usersIn(snapshot: PresenceSnapshot, document: string): OnlineUser[] {
  return snapshot.documents[document] ?? []
}

/**
 * The users online in a document `root` or any document under it (`root/…`), one entry per user:
 * nodes are the union over those documents, connections the most any one of them has (a tab
 * holds the root document and each file it opened, so the sum would count one tab many times).
 */
export function usersUnder(snapshot: PresenceSnapshot, root: string): OnlineUser[] {
  const byUser = new Map<string, OnlineUser>()
  for (const [document, users] of Object.entries(snapshot.documents)) {
    if (document !== root && !document.startsWith(`${root}/`)) continue
    for (const user of users) {
      const prev = byUser.get(user.sub)
      if (!prev) {
        byUser.set(user.sub, { ...user, nodes: [...user.nodes] })
        continue
      }
      for (const node of user.nodes) if (!prev.nodes.includes(node)) prev.nodes.push(node)
      prev.connections = Math.max(prev.connections, user.connections)
    }
  }
  for (const user of byUser.values()) user.nodes.sort()
  return [...byUser.values()]
}

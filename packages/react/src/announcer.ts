/**
 * What the page's one polite live region says next (LiveRegion.tsx, mounted by AppShell). A
 * module-level channel, not a React context: the apps' own hooks run above AppShell, and a
 * sentence about a remote edit is found where the edit is seen, not where the region is drawn.
 */
type Listener = (message: string) => void

const listeners = new Set<Listener>()

/** Says `message` to screen-reader users, once, without moving focus or interrupting them. */
export function announce(message: string): void {
  const text = message.trim()
  if (!text) return
  for (const listener of listeners) listener(text)
}

/** The live region's subscription; returns the unsubscribe. */
export function onAnnouncement(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

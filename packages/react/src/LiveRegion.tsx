import { useEffect, useState } from 'react'
import { onAnnouncement } from './announcer.ts'

/** How many recent messages stay in the region (older ones are already read, or superseded). */
const KEPT = 5

/**
 * The page's one polite live region. Always mounted, and empty at first: screen readers only
 * read what is added to a region they already know, so a region that mounts with its text
 * (as the old overwrite toast did) is never read. Each message is a new child, so the same
 * sentence twice ("Bob left" … "Bob left") is read twice.
 */
export function LiveRegion() {
  const [messages, setMessages] = useState<{ key: number; text: string }[]>([])
  useEffect(() => {
    let next = 0
    return onAnnouncement((text) => {
      next += 1
      const key = next
      setMessages((m) => [...m.slice(-(KEPT - 1)), { key, text }])
    })
  }, [])
  return (
    <div
      className="visually-hidden"
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      data-testid="announcements"
    >
      {messages.map((m) => (
        <p key={m.key}>{m.text}</p>
      ))}
    </div>
  )
}

import type { TestClient } from './clients.ts'

export interface WordTypist {
  /** Every word typed so far, in order. */
  words: string[]
  stop(): void
}

/**
 * A user appending a numbered word (`[<label><n>]`) to the end of the text every `everyMs` until
 * stopped: each edit depends on the one before, so a lost update leaves the rest unintegrable —
 * what the failover tests must rule out.
 */
export function startWordTypist(client: TestClient, label: string, everyMs: number): WordTypist {
  const words: string[] = []
  const timer = setInterval(() => {
    const word = `[${label}${words.length}]`
    const text = client.doc.getText('text')
    text.insert(text.length, word)
    words.push(word)
  }, everyMs)
  return { words, stop: () => clearInterval(timer) }
}

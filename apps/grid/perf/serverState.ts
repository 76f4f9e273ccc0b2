/**
 * What the node holds, read from its /metrics, and how long a plain provider (no browser) takes
 * from connecting to its first sync: the node's share of opening a sheet (load from the
 * database when cold, encode, send) plus one parse, timed on its own here.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { devToken } from '@weft/client'
import * as Y from 'yjs'

export async function documentsLoaded(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith('weft_documents_loaded'))
  return Number(line?.split(' ').at(-1) ?? Number.NaN)
}

/** Waits (bounded) until the node has unloaded every document: the next open is a cold load. */
export async function untilUnloaded(base: string, timeoutMs = 120_000): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    // A loaded node may drop a scrape; the next one answers.
    if ((await documentsLoaded(base).catch(() => Number.NaN)) === 0) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

export type ProviderSync = {
  /** connect → synced, ms */
  syncMs: number
  /** Y.applyUpdate of the whole state into a fresh doc in this process, ms */
  parseMs: number
  stateBytes: number
}

/** Opens the sheet with a provider; `hold` keeps it open (the document stays warm on the node). */
export async function providerSync(
  base: string,
  id: string,
): Promise<ProviderSync & { close: () => void }> {
  const doc = new Y.Doc()
  const t0 = performance.now()
  const provider = new HocuspocusProvider({
    url: `${base.replace(/^http/, 'ws')}/collab`,
    name: `grid:${id}`,
    document: doc,
    token: devToken({ id: 'u-perf0002', name: 'Perf reader' }),
  })
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()))
  const syncMs = performance.now() - t0
  const state = Y.encodeStateAsUpdate(doc)
  const t1 = performance.now()
  Y.applyUpdate(new Y.Doc(), state)
  const parseMs = performance.now() - t1
  return {
    syncMs,
    parseMs,
    stateBytes: state.byteLength,
    close: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

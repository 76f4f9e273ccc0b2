/**
 * What every durability drill asserts at its end: after a full fleet restart, the document as
 * Postgres holds it (read straight from the database, no node's memory or journal involved)
 * and as a fresh client loads it contains every token any typist typed.
 */
import assert from 'node:assert/strict'
import { loadDocumentState, openDatabase } from '@weft/db'
import { connectClient, type Fleet, missingTokens, waitFor } from '@weft/testkit'
import * as Y from 'yjs'

/** The stored state's unintegrable structs at the last read (for failure messages). */
let lastPending = 'none'

export async function storedText(databaseUrl: string, documentName: string): Promise<string> {
  const database = await openDatabase({ databaseUrl })
  try {
    const state = await loadDocumentState(database.prisma, documentName)
    const doc = new Y.Doc()
    if (state) Y.applyUpdate(doc, state)
    lastPending = doc.store.pendingStructs
      ? JSON.stringify([...doc.store.pendingStructs.missing])
      : 'none'
    return doc.getText('text').toString()
  } finally {
    await database.close()
  }
}

export async function assertEverythingStored(
  fleet: Fleet,
  documentName: string,
  typed: readonly string[],
): Promise<void> {
  await fleet.restartAll()
  // Nodes replay dead boots' journals at start; give the replay a bounded time to land.
  let stored = ''
  await waitFor(
    'every typed token in Postgres',
    async () => {
      stored = await storedText(fleet.databaseUrl, documentName)
      return missingTokens(stored, typed).length === 0
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  ).catch(() => {
    const missing = missingTokens(stored, typed)
    assert.fail(
      `${missing.length} of ${typed.length} edits missing from Postgres after a fleet restart (first: ${missing.slice(0, 5).join(' ')}; waiting on client:clock ${lastPending})`,
    )
  })
  drillFigure(
    `${documentName}: ${typed.length}/${typed.length} edits in Postgres after a fleet restart`,
  )
  const reader = connectClient((fleet.nodes[1] ?? fleet.nodes[0])?.wsUrl as string, documentName)
  try {
    await reader.synced()
    const text = reader.doc.getText('text').toString()
    assert.deepEqual(missingTokens(text, typed), [], 'a fresh client loads every edit')
    assert.equal(text, stored, 'the fresh client sees exactly what Postgres holds')
  } finally {
    reader.destroy()
  }
}

/** A figure for docs/architecture.md's failure table, printed beside the test results. */
export function drillFigure(line: string): void {
  process.stdout.write(`# figure ${line}\n`)
}

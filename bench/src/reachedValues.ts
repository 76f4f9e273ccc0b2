/**
 * Values that reached a reader, or were overtaken there by a later value of the same writer.
 *
 * A writer of scenario 1 sets one map key again and again. When a node's turn holds two of its
 * writes (a node lagging more than the writer's period), the update that node applies and
 * passes on carries only the later value: Yjs collects the overwritten one inside the same
 * transaction. A reader then never sees the earlier value as its own delivery, yet it shows
 * what every user of that key is meant to see, the latest. This counts, for each reader and
 * each writer of its document, the writer's values up to the latest one the reader saw: a value
 * missing after that is lost, one overtaken before it is not.
 */

/** Per document: writer id → the sequence numbers it wrote in the measured window. */
export type WrittenSeqs = Record<string, Record<string, number[]>>
/** Per document: reader id → writer id → the highest sequence number the reader saw. */
export type SeenUpTo = Record<string, Record<string, Record<string, number>>>

/** Records `seq` as seen by `reader` from `writer` in `documentName`. */
export function noteSeen(
  seen: SeenUpTo,
  documentName: string,
  reader: string,
  writer: string,
  seq: number,
): void {
  seen[documentName] ??= {}
  const byReader = seen[documentName]
  byReader[reader] ??= {}
  const byWriter = byReader[reader]
  byWriter[writer] = Math.max(byWriter[writer] ?? -1, seq)
}

/** Records that `writer` wrote `seq` in the window, in `documentName`. */
export function noteWritten(
  written: WrittenSeqs,
  documentName: string,
  writer: string,
  seq: number,
): void {
  written[documentName] ??= {}
  const byWriter = written[documentName]
  byWriter[writer] ??= []
  byWriter[writer].push(seq)
}

/**
 * Over every document: values that reached a reader or were overtaken there, and values that
 * should have (each window value × each reader of its document but its writer). `readers`
 * lists every reader id per document, including readers that saw nothing.
 */
export function reachedValues(
  written: readonly WrittenSeqs[],
  seen: readonly SeenUpTo[],
  readers: Record<string, readonly string[]>,
): { reached: number; expected: number } {
  let reached = 0
  let expected = 0
  for (const [documentName, readerIds] of Object.entries(readers)) {
    const writers = new Map<string, number[]>()
    for (const part of written)
      for (const [writer, seqs] of Object.entries(part[documentName] ?? {}))
        writers.set(writer, [...(writers.get(writer) ?? []), ...seqs])
    const seenBy = new Map<string, Record<string, number>>()
    for (const part of seen)
      for (const [reader, upTo] of Object.entries(part[documentName] ?? {}))
        seenBy.set(reader, upTo)
    for (const reader of readerIds) {
      for (const [writer, seqs] of writers) {
        if (writer === reader) continue
        expected += seqs.length
        const upTo = seenBy.get(reader)?.[writer] ?? -1
        reached += seqs.filter((seq) => seq <= upTo).length
      }
    }
  }
  return { reached, expected }
}

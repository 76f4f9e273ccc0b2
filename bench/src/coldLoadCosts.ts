/**
 * The costs a cold load of scenario 6's large document is made of, each measured alone in this
 * process (what a node and a client pay): parsing the stored V2 snapshot, converting it to V1
 * without building a document, encoding the V1 state a first sync sends, parsing that V1 state
 * (the client), and the delete set every sync step 2 carries. Run:
 * `node bench/src/coldLoadCosts.ts [trace] [copies]`.
 */
import * as Y from 'yjs'
import { largeDocument } from './largeDocument.ts'

const [traceName = 'automerge-paper', copies = '100'] = process.argv.slice(2)
const large = largeDocument(traceName, Number(copies))

/** Prints wall time and this process's CPU time: on a loaded machine only the latter holds. */
function timed<T>(what: string, run: () => T): T {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = run()
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000
  console.log(
    `${what}: ${(performance.now() - started).toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`,
  )
  return result
}

console.log(`state: V2 ${large.v2.length} B, V1 ${large.v1.length} B, ${large.textLength} chars`)
const server = new Y.Doc()
timed('applyUpdateV2 (the node parses the snapshot)', () => Y.applyUpdateV2(server, large.v2))
const v1 = timed('convertUpdateFormatV2ToV1 (no document built)', () =>
  Y.convertUpdateFormatV2ToV1(large.v2),
)
console.log(`converted V1: ${v1.length} B`)
timed('encodeStateAsUpdate V1 (the sync step 2 of a first sync)', () =>
  Y.encodeStateAsUpdate(server),
)
const vector = timed('encodeStateVector', () => Y.encodeStateVector(server))
const rest = timed('encodeStateAsUpdate against the full state vector (the delete set)', () =>
  Y.encodeStateAsUpdate(server, vector),
)
console.log(`delete set alone: ${rest.length} B`)
const client = new Y.Doc()
timed('applyUpdate V1 (the client parses the state)', () => Y.applyUpdate(client, v1))
timed('applyUpdate of the delete set again (the client)', () => Y.applyUpdate(client, rest))
console.log(`client text: ${client.getText('text').length} chars`)

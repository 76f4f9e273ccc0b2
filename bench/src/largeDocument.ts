/**
 * The large document of scenario 6: an editing trace replayed once, then copied `copies` times
 * under other Yjs client ids into the same Y.Text "text" (concurrent copies of the whole history,
 * ordered by client id), i.e. `copies` × the trace's history and `copies` × its end content.
 * Copying re-encodes the replay's structs with another client id (decodeUpdate, then each
 * struct's own `write`), which takes seconds where replaying the trace 100 times would take
 * minutes. Cached under the system temp dir.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadTrace } from '@weft/testkit'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { applyTxn } from './clients.ts'

export interface LargeDocument {
  /** Full state, V1 encoding (what Hocuspocus and y-websocket exchange and store). */
  v1: Uint8Array
  /** The same state, V2 encoding (how our snapshots are stored). */
  v2: Uint8Array
  /** Length of the text once loaded. */
  textLength: number
}

type Writable = { id: Y.ID; origin: Y.ID | null; rightOrigin: Y.ID | null; parent: unknown }
type Encoder = { restEncoder: encoding.Encoder; writeClient(client: number): void }
type EncoderClass = new () => Encoder & { toUint8Array(): Uint8Array }

/** `update` (one client's structs and deletes) as if client `to` had written it. */
function recast(update: Uint8Array, from: number, to: number): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update)
  const map = (id: Y.ID | null) => (id && id.client === from ? Y.createID(to, id.clock) : id)
  const encoder = new (Y.UpdateEncoderV1 as unknown as EncoderClass)()
  const rest = encoder.restEncoder
  encoding.writeVarUint(rest, 1)
  encoding.writeVarUint(rest, structs.length)
  encoder.writeClient(to)
  encoding.writeVarUint(rest, structs[0]?.id.clock ?? 0)
  for (const struct of structs) {
    const item = struct as unknown as Writable
    item.id = map(item.id) as Y.ID
    if ('origin' in item) {
      item.origin = map(item.origin)
      item.rightOrigin = map(item.rightOrigin)
      if (item.parent instanceof Y.ID) item.parent = map(item.parent)
    }
    ;(struct as unknown as { write(encoder: Encoder, offset: number): void }).write(encoder, 0)
  }
  const clients = (ds as unknown as { clients: Map<number, { clock: number; len: number }[]> })
    .clients
  encoding.writeVarUint(rest, clients.size)
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(rest, client === from ? to : client)
    encoding.writeVarUint(rest, ranges.length)
    for (const range of ranges) {
      encoding.writeVarUint(rest, range.clock)
      encoding.writeVarUint(rest, range.len)
    }
  }
  return encoder.toUint8Array()
}

export function largeDocument(traceName: string, copies: number): LargeDocument {
  const cache = join(tmpdir(), `weft-bench-large-${traceName}-x${copies}`)
  if (existsSync(`${cache}.v1`) && existsSync(`${cache}.v2`)) {
    const v1 = new Uint8Array(readFileSync(`${cache}.v1`))
    const doc = new Y.Doc()
    Y.applyUpdate(doc, v1)
    const textLength = doc.getText('text').length
    doc.destroy()
    return { v1, v2: new Uint8Array(readFileSync(`${cache}.v2`)), textLength }
  }
  const trace = loadTrace(traceName)
  const source = new Y.Doc()
  source.clientID = 1
  const text = source.getText('text')
  if (trace.startContent) text.insert(0, trace.startContent)
  for (const txn of trace.txns) applyTxn(text, txn.patches)
  const once = Y.encodeStateAsUpdate(source)
  const target = new Y.Doc()
  target.transact(() => {
    for (let copy = 0; copy < copies; copy++) Y.applyUpdate(target, recast(once, 1, 1000 + copy))
  })
  const expected = trace.endContent.length * copies
  const textLength = target.getText('text').length
  if (textLength !== expected)
    throw new Error(`large document: text length ${textLength}, expected ${expected}`)
  const v1 = Y.encodeStateAsUpdate(target)
  const v2 = Y.encodeStateAsUpdateV2(target)
  writeFileSync(`${cache}.v1`, v1)
  writeFileSync(`${cache}.v2`, v2)
  return { v1, v2, textLength }
}

/**
 * The worker thread of FoldWorker.ts: folds a snapshot and log rows into the snapshot that
 * replaces them (`foldSnapshot`, what an inline compaction runs) off the node's event loop.
 * Imports only the snapshot encoding, not the database client. Messages are FoldRequest /
 * FoldReply (foldMessages.ts); a fold that throws answers with the error's message.
 */
import { parentPort } from 'node:worker_threads'
import { foldSnapshot } from '@weft/db/snapshotEncoding'
import { type FoldReply, type FoldRequest, unpackUpdates } from './foldMessages.ts'

const port = parentPort
if (!port) throw new Error('foldThread.ts runs as a worker thread (FoldWorker.ts)')

port.on('message', (request: FoldRequest) => {
  let reply: FoldReply
  try {
    const previous = request.previous
      ? { state: new Uint8Array(request.previous.state), encoding: request.previous.encoding }
      : null
    const { state, encoding } = foldSnapshot(previous, unpackUpdates(request.updates, request.ends))
    // Encoders hand back their own buffer; a view of a larger one is copied before the transfer.
    const own =
      state.byteOffset === 0 && state.byteLength === state.buffer.byteLength ? state : state.slice()
    reply = { id: request.id, state: own.buffer as ArrayBuffer, encoding }
    port.postMessage(reply, [reply.state])
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) }
    port.postMessage(reply)
  }
})

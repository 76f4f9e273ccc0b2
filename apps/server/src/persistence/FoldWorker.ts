/**
 * Runs compactions' folds (snapshot + log rows → new snapshot) on a worker thread, so they never
 * hold the node's event loop. Inline, a hot document's compaction (every ~10 s while 20 people
 * type into it, decision 0196) replayed thousands of rows and re-encoded the whole state in one
 * synchronous stretch, and the garbage of that Y.Doc was collected on the same thread: every
 * delivery of those 100+ ms waited for it (docs/benchmarks.md, scenario 3). The database part of
 * a compaction (its transaction and lock) stays where it was; only the CPU part moves.
 *
 * The thread starts with the first fold and stops after `idleMs` without one, so a node whose
 * documents are not being edited carries no second heap. A thread that dies folds what it held
 * inline instead, as before this class (compactions must not stop because a thread cannot run:
 * a preload from NODE_OPTIONS runs in every thread too, and one that listens on a port throws
 * there), and the next fold starts a new thread; a thread that died before answering anything is
 * not tried again.
 */
import { Worker } from 'node:worker_threads'
import { foldSnapshot, type StoredSnapshot } from '@weft/db'
import { type FoldReply, type FoldRequest, packUpdates } from './foldMessages.ts'

interface Pending {
  previous: StoredSnapshot | null
  updates: readonly Uint8Array[]
  resolve(snapshot: StoredSnapshot): void
  reject(error: Error): void
}

export interface FoldWorkerOptions {
  /** How long the thread waits for another fold before it stops (default 30 s). */
  idleMs?: number
  /** The thread's module (default foldThread.ts; tests give one that fails). */
  threadUrl?: URL
  /** Told when a thread died and its folds ran inline. */
  onThreadFailure?: (error: Error) => void
}

export class FoldWorker {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private idleTimer: NodeJS.Timeout | null = null
  private readonly idleMs: number
  private closed = false
  /** Set once a thread died without ever answering: every fold runs inline from then on. */
  private inline = false
  private readonly options: FoldWorkerOptions

  constructor(options: FoldWorkerOptions = {}) {
    this.options = options
    this.idleMs = options.idleMs ?? 30_000
  }

  /** Whether a thread is running now (tests, and to see it stop when idle). */
  get running(): boolean {
    return this.worker !== null
  }

  /** `foldSnapshot(previous, updates)` on the thread. */
  fold(previous: StoredSnapshot | null, updates: readonly Uint8Array[]): Promise<StoredSnapshot> {
    if (this.closed) return Promise.reject(new Error('fold worker closed'))
    if (this.inline) return new Promise((resolve) => resolve(foldSnapshot(previous, updates)))
    const worker = this.thread()
    const id = this.nextId++
    const packed = packUpdates(updates)
    const request: FoldRequest = {
      id,
      previous: previous ? { state: ownCopy(previous.state), encoding: previous.encoding } : null,
      updates: packed.updates,
      ends: packed.ends,
    }
    const transfer = [packed.updates, packed.ends.buffer as ArrayBuffer]
    if (request.previous) transfer.push(request.previous.state)
    return new Promise<StoredSnapshot>((resolve, reject) => {
      this.pending.set(id, { previous, updates, resolve, reject })
      this.holding()
      worker.postMessage(request, transfer)
    })
  }

  /** Stops the thread; folds still running fail. */
  async close(): Promise<void> {
    this.closed = true
    await this.stop()
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(this.options.threadUrl ?? new URL('./foldThread.ts', import.meta.url))
    let answered = false
    worker.on('message', (reply: FoldReply) => {
      answered = true
      this.settle(reply)
    })
    const fail = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      if (!answered) this.inline = true
      this.options.onThreadFailure?.(error)
      this.foldHeldInline()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`fold worker exited with code ${code}`)))
    this.worker = worker
    return worker
  }

  private settle(reply: FoldReply) {
    const waiting = this.pending.get(reply.id)
    if (!waiting) return
    this.pending.delete(reply.id)
    if (reply.error !== undefined) waiting.reject(new Error(reply.error))
    else waiting.resolve({ state: new Uint8Array(reply.state), encoding: reply.encoding })
    this.holding()
  }

  /** A dead thread's folds, run here instead. */
  private foldHeldInline() {
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const { previous, updates, resolve, reject } of waiting) {
      try {
        resolve(foldSnapshot(previous, updates))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    this.holding()
  }

  private failAll(error: Error) {
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const { reject } of waiting) reject(error)
    this.holding()
  }

  /**
   * While folds are pending the thread keeps the process alive (a shutdown waits for them);
   * once none are, it does not, and stops after `idleMs`.
   */
  private holding() {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    if (!this.worker) return
    if (this.pending.size > 0) {
      this.worker.ref()
      return
    }
    this.worker.unref()
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs)
    this.idleTimer.unref()
  }

  private async stop() {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const worker = this.worker
    if (!worker) return
    this.worker = null
    this.failAll(new Error('fold worker stopped'))
    await worker.terminate()
  }
}

/**
 * The bytes in a buffer of their own, to transfer. Not `.slice()`: on a Node Buffer (a pooled
 * one, from a driver) that is a view of the shared slab.
 */
function ownCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return copy.buffer
}

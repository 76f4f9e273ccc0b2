/**
 * The one check every write to a Canvas document (`canvas:<id>`) passes, whichever way it comes:
 * a socket's frame (CanvasGuard) or the REST API's `…/updates` and `…/restore` (LiveDocuments).
 * The update is applied to a shadow copy of the document first, the shapes it touched are checked
 * with @weft/canvas-model's `validateCanvasChange`, and an image shape must name an asset this
 * document holds (KnownAssets; docs/canvas-assets.md). The answer is the first problem, in the
 * words both the socket's close reason and the API's 422 carry.
 *
 * One shadow per open document, shared by both ways in, so a REST write costs what changed and
 * not a copy of the whole board (docs/decisions/0120, 0162, 0171).
 */
import { assetsUsed, CANVAS_ROOTS, validateCanvasChange } from '@weft/canvas-model'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { KnownAssets } from './KnownAssets.ts'

export function isCanvasDocument(documentName: string): boolean {
  return documentName.startsWith('canvas:')
}

/**
 * A shadow holds at most this many of the document's updates unapplied (no client of this node
 * writing, peers' edits coming in through Redis) before it applies them.
 */
const MAX_BEHIND = 2_000

/** A copy of an open canvas document that has seen every update the document has, and more. */
interface Shadow {
  doc: Y.Doc
  /** The document it follows (a reloaded document is another object). */
  source: Y.Doc
  /** The document's updates since the last check, not yet applied to the copy. */
  behind: Uint8Array[]
  drop(): void
}

export class CanvasWrites {
  private readonly logger: Logger
  private readonly assets: KnownAssets | undefined
  private readonly shadows = new Map<string, Shadow>()

  constructor(logger: Logger, assets?: KnownAssets) {
    this.logger = logger
    this.assets = assets
  }

  /**
   * What is wrong with `update` for `document`, as a refused writer is told it
   * (`invalid canvas write: shapes.<id>.box: …`); null when nothing is, or not a canvas. The
   * update is not applied to `document`: the caller applies it when the answer is null.
   */
  async problemIn(
    documentName: string,
    document: Y.Doc,
    update: Uint8Array,
  ): Promise<string | null> {
    if (!isCanvasDocument(documentName)) return null
    const shadow = this.shadowOf(documentName, document)
    const { problem: invalid, touched } = applyAndCheck(shadow, update)
    const problem = invalid ?? (await this.missingAsset(documentName, shadow, touched))
    if (!problem) return null
    // The shadow now holds the refused update: start again from the document next time.
    this.forget(documentName)
    return `invalid canvas write: ${problem}`
  }

  /** Drops what is kept for a document (it unloaded, or its shadow holds a refused write). */
  forget(documentName: string): void {
    this.shadows.get(documentName)?.drop()
    this.shadows.delete(documentName)
    this.assets?.forget(documentName)
  }

  /** The first image among the touched shapes whose asset this document does not hold. */
  private async missingAsset(
    documentName: string,
    shadow: Y.Doc,
    touched: Set<string>,
  ): Promise<string | null> {
    const used = assetsUsed(shadow, touched)
    if (!this.assets || used.size === 0) return null
    try {
      const [missing] = await this.assets.missing(documentName, used)
      return missing ? `image ${missing.slice(0, 12)}… is not an asset of this canvas` : null
    } catch (error) {
      // Postgres is down: editing goes on (platform.md). An unchecked id costs others at most a
      // missing picture (its fetch answers 404), never another document's bytes.
      this.logger.warn(
        { documentName, err: error instanceof Error ? error.message : String(error) },
        'image assets could not be checked; write accepted',
      )
      return null
    }
  }

  /**
   * The shadow, caught up with the document (edits from other sockets and other nodes). It is
   * made once from the whole document and then follows it by the document's own updates, so a
   * check costs the size of what changed, not of the document: a state-vector diff per frame
   * walked every struct of the document for its delete set (docs/decisions/0162).
   */
  private shadowOf(documentName: string, document: Y.Doc): Y.Doc {
    let shadow = this.shadows.get(documentName)
    if (shadow && shadow.source !== document) {
      this.forget(documentName)
      shadow = undefined
    }
    if (!shadow) {
      shadow = follow(document)
      this.shadows.set(documentName, shadow)
      return shadow.doc
    }
    catchUp(shadow)
    return shadow.doc
  }
}

/** Applies `update` to the shadow; the first problem it brought (or null) and the shapes it touched. */
function applyAndCheck(
  shadow: Y.Doc,
  update: Uint8Array,
): { problem: string | null; touched: Set<string> } {
  const shapes = shadow.getMap(CANVAS_ROOTS.shapes)
  const touched = new Set<string>()
  let board = false
  const onShapes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === shapes) for (const key of event.changes.keys.keys()) touched.add(key)
      else if (typeof event.path[0] === 'string') touched.add(event.path[0])
    }
  }
  const onBoard = () => {
    board = true
  }
  const meta = shadow.getMap(CANVAS_ROOTS.meta)
  const tiles = shadow.getMap(CANVAS_ROOTS.tiles)
  shapes.observeDeep(onShapes)
  meta.observeDeep(onBoard)
  tiles.observe(onBoard)
  try {
    Y.applyUpdate(shadow, update)
  } finally {
    shapes.unobserveDeep(onShapes)
    meta.unobserveDeep(onBoard)
    tiles.unobserve(onBoard)
  }
  if (touched.size === 0 && !board) return { problem: null, touched }
  const [first] = validateCanvasChange(shadow, { shapes: touched, board })
  return { problem: first ? `${first.path}: ${first.problem}` : null, touched }
}

/**
 * Applies what the document did since the last check; the updates the shadow checked itself are
 * among them and integrate as no-ops.
 */
function catchUp(shadow: Shadow) {
  const behind = shadow.behind
  if (behind.length === 0) return
  shadow.behind = []
  const { doc } = shadow
  doc.transact(() => {
    for (const update of behind) Y.applyUpdate(doc, update)
  })
}

/** A new shadow of `document`: its whole state now, then each of its updates. */
function follow(document: Y.Doc): Shadow {
  const doc = new Y.Doc({ gc: document.gc })
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(document))
  const shadow: Shadow = {
    doc,
    source: document,
    behind: [],
    drop() {
      document.off('update', onUpdate)
      doc.destroy()
    },
  }
  const onUpdate = (update: Uint8Array) => {
    shadow.behind.push(update)
    // Nobody on this node is writing (peers' edits only): catch up now rather than hold them all.
    if (shadow.behind.length >= MAX_BEHIND) catchUp(shadow)
  }
  document.on('update', onUpdate)
  return shadow
}

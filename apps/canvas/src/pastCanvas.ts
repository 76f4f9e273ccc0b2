import { CanvasModel, type Shape } from '@weft/canvas-model'
import { fetchVersionState } from '@weft/client'
import * as Y from 'yjs'

/**
 * A past version of the canvas as a model the canvas view can draw: its own document, connected
 * to nothing, so nothing done to it reaches anyone (the view is read-only besides).
 */
export async function loadPastCanvas(
  documentName: string,
  token: string,
  version: string,
): Promise<CanvasModel> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await fetchVersionState(documentName, token, version))
  return new CanvasModel(doc)
}

export function disposePastCanvas(model: CanvasModel): void {
  model.destroy()
  model.doc.destroy()
}

/**
 * Puts a shape of a past version back on the live canvas, under its old id and on top: one
 * forward change, in everyone's view, the log and the history.
 */
export function bringBackShape(live: CanvasModel, shape: Shape): string {
  const { id, z: _z, ...init } = shape
  return live.add(init, id)
}

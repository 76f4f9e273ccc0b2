import { type CanvasModel, imageTypeOf } from '@weft/canvas-model'
import { uploadAsset } from '@weft/client'
import { announce } from '@weft/react'
import { useCallback, useState } from 'react'
import type { AssetStore } from './assetStore.ts'
import type { Point } from './geometry.ts'
import { imageShape } from './imageShape.ts'

/** Where several images added at once go: each a step down and right of the previous. */
const CASCADE = 24

export interface ImageAdder {
  add: (files: File[], at: Point) => void
  /** Why the last image could not be added (too big, not an image…), until the next try. */
  notice: string | null
  dismiss: () => void
}

/**
 * Pasted or dropped pictures become image shapes: each file is stored on the server as an asset
 * of this canvas first (AssetsApi: the server decides what it accepts and says why not), then
 * the shape naming it is added, so no one ever receives a shape whose bytes are not there yet.
 */
export function useImageAdder(
  documentName: string,
  token: string,
  model: CanvasModel | null,
  store: AssetStore | null,
  onAdded: (ids: string[]) => void,
): ImageAdder {
  const [notice, setNotice] = useState<string | null>(null)
  const add = useCallback(
    (files: File[], at: Point) => {
      if (!model || !store) return
      setNotice(null)
      void (async () => {
        const added: string[] = []
        for (const [i, file] of files.entries()) {
          const head = new Uint8Array(await file.slice(0, 16).arrayBuffer())
          if (!imageTypeOf(head)) {
            setNotice(
              `${file.name || 'That file'} was not added: only PNG, JPEG, GIF and WebP images can be placed`,
            )
            continue
          }
          let id: string
          try {
            id = (await uploadAsset(documentName, token, file)).id
          } catch (error) {
            setNotice(
              `${file.name || 'The image'} was not added: ${error instanceof Error ? error.message : String(error)}`,
            )
            continue
          }
          store.put(id, file)
          const { width, height } = await pictureSize(file)
          const where = { x: at.x + i * CASCADE, y: at.y + i * CASCADE }
          added.push(model.add(imageShape(id, width, height, where)))
        }
        if (added.length === 0) return
        onAdded(added)
        announce(added.length === 1 ? 'Image added' : `${added.length} images added`)
      })()
    },
    [documentName, token, model, store, onAdded],
  )
  return { add, notice, dismiss: useCallback(() => setNotice(null), []) }
}

/** The picture's size in pixels; a stand-in size when the browser cannot decode it. */
async function pictureSize(file: Blob): Promise<{ width: number; height: number }> {
  try {
    const bitmap = await createImageBitmap(file)
    const size = { width: bitmap.width, height: bitmap.height }
    bitmap.close()
    return size
  } catch {
    return { width: 320, height: 240 }
  }
}

import { type RefObject, useEffect, useRef } from 'react'
import type { Point } from './geometry.ts'

/** Image files a clipboard or a drop holds (other files and plain text are left alone). */
function imageFiles(data: DataTransfer | null): File[] {
  return [...(data?.files ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '')
}

/**
 * Ctrl/⌘+V of an image while the canvas has focus, and image files dropped onto it, become
 * `onImages(files, where)`: a paste lands in the middle of the view, a drop where it fell.
 * A paste without an image file is left for other handlers (copy and paste of shapes).
 */
export function useImageInput(
  view: RefObject<HTMLElement | null>,
  onImages: ((files: File[], at: Point) => void) | undefined,
  places: { at: (e: { clientX: number; clientY: number }) => Point; middle: () => Point },
): void {
  const latest = useRef({ onImages, places })
  latest.current = { onImages, places }
  useEffect(() => {
    const element = view.current
    if (!element) return
    const onPaste = (e: ClipboardEvent) => {
      const files = imageFiles(e.clipboardData)
      const add = latest.current.onImages
      if (!add || files.length === 0) return
      e.preventDefault()
      add(files, latest.current.places.middle())
    }
    const onDragOver = (e: DragEvent) => {
      if (!latest.current.onImages || !e.dataTransfer?.types.includes('Files')) return
      // Without this the browser would open the dropped file in place of the app.
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (e: DragEvent) => {
      const add = latest.current.onImages
      if (!add || !e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      const files = imageFiles(e.dataTransfer)
      if (files.length > 0) add(files, latest.current.places.at(e))
    }
    element.addEventListener('paste', onPaste)
    element.addEventListener('dragover', onDragOver)
    element.addEventListener('drop', onDrop)
    return () => {
      element.removeEventListener('paste', onPaste)
      element.removeEventListener('dragover', onDragOver)
      element.removeEventListener('drop', onDrop)
    }
  }, [view])
}

import { type Camera, zoomAt } from './geometry.ts'

export type WheelLike = {
  deltaX: number
  deltaY: number
  deltaMode: number
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/** Lines (deltaMode 1, Firefox's mouse wheel) are worth about this many pixels. */
const LINE = 16

/**
 * The camera after a wheel event, as tldraw and Figma do it: the wheel (and a two-finger
 * trackpad swipe) pans, Shift+wheel pans sideways, Ctrl/⌘+wheel zooms about the pointer.
 * A trackpad pinch arrives as a wheel event with ctrlKey set, so it zooms too.
 */
export function wheelCamera(cam: Camera, e: WheelLike, sx: number, sy: number): Camera {
  const unit = e.deltaMode === 1 ? LINE : 1
  const dx = e.deltaX * unit
  const dy = e.deltaY * unit
  if (e.ctrlKey || e.metaKey) return zoomAt(cam, sx, sy, Math.exp(-dy * 0.0015))
  if (e.shiftKey && dx === 0) return { ...cam, x: cam.x + dy / cam.zoom }
  return { ...cam, x: cam.x + dx / cam.zoom, y: cam.y + dy / cam.zoom }
}

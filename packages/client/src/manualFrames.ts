/**
 * A frame scheduler for tests: the queued frame callbacks run only when the test calls `run`, so
 * a test can say exactly which transactions land within one frame.
 */
import type { FrameScheduler } from './docVersion.ts'

export function manualFrames(): { frames: FrameScheduler; run: () => void } {
  const queued = new Map<number, () => void>()
  let next = 1
  const frames: FrameScheduler = {
    request: (callback) => {
      queued.set(next, callback)
      return next++
    },
    cancel: (handle) => {
      queued.delete(handle)
    },
  }
  const run = () => {
    const callbacks = [...queued.values()]
    queued.clear()
    for (const callback of callbacks) callback()
  }
  return { frames, run }
}

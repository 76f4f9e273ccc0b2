/**
 * Scrolls the sheet `step` px per frame (100 px = a wheel notch, 'screen' = a flick) for at most
 * `limit` frames and returns the frame times (requestAnimationFrame intervals): 16.7 ms is 60 fps.
 */
import type { Page } from 'playwright'

export type FrameTimes = { frames: number; p50: number; p95: number; max: number; over33: number }

export function scrollFrames(page: Page, step: number | 'screen', limit: number) {
  return page.evaluate(
    async ([step, limit]) => {
      const el = document.querySelector('[data-testid="grid"]') as HTMLElement
      el.scrollTop = 0
      await new Promise(requestAnimationFrame)
      await new Promise(requestAnimationFrame)
      const frames: number[] = []
      let last = performance.now()
      const px = step === 'screen' ? el.clientHeight : (step as number)
      while (
        el.scrollTop + el.clientHeight < el.scrollHeight - 1 &&
        frames.length < (limit as number)
      ) {
        el.scrollTop += px
        await new Promise(requestAnimationFrame)
        const now = performance.now()
        frames.push(now - last)
        last = now
      }
      const over33 = frames.filter((f) => f > 33.4).length
      frames.sort((a, b) => a - b)
      const pick = (q: number) =>
        Math.round(10 * (frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0)) /
        10
      return { frames: frames.length, p50: pick(0.5), p95: pick(0.95), max: pick(1), over33 }
    },
    [step, limit] as const,
  ) as Promise<FrameTimes>
}

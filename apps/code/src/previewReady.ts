/**
 * When the preview's page is on screen. Its DOM is there (a script, or a test's locator, finds
 * the button) before the browser has drawn it: on a loaded machine the display lagged the frame's
 * load by more than 3 s, and a click in that time went to what was on screen, the empty frame,
 * and was lost (issue #16, decision 0175). The page posts `{ weftPreview: 1, drawn: 1 }` once it
 * has loaded (its module scripts ran) and two animation frames passed, so one frame with it was
 * drawn; the app then lets two frames of its own pass (usePreviewReady) before calling it ready.
 */
export const READY_SIGNAL = `(function () {
  window.addEventListener('load', function () {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        try { parent.postMessage({ weftPreview: 1, drawn: 1 }, '*'); } catch (e) {}
      });
    });
  });
})();`

/** True for the message READY_SIGNAL posts. */
export function isDrawnMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false
  const { weftPreview, drawn } = data as Record<string, unknown>
  return weftPreview === 1 && drawn === 1
}

/** The page with READY_SIGNAL at the start of its head (before any of the project's scripts). */
export function withReadySignal(page: string): string {
  const tag = `<script>${READY_SIGNAL}</script>`
  const head = /<head\b[^>]*>/i.exec(page)
  if (!head) return tag + page
  const at = head.index + head[0].length
  return page.slice(0, at) + tag + page.slice(at)
}

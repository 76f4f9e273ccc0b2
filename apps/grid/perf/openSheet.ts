/**
 * Opens a sheet in headless Chromium and says where the time between navigation and the first
 * rendered cell of the last column goes, on the page's own clock (ms since navigation start):
 * page and scripts, the documents API check, the WebSocket until the first sync arrives (the
 * node's load, encode and send), the sync's parse (the provider applying it, with every
 * observer), and React's render until the cell is in the DOM: first the node's first screen
 * (decision 0195) when the app shows one, then the live, editable sheet. A CPU profile of the same open
 * (CDP Profiler) splits the page's own work by bundle chunk.
 */
import type { Browser } from 'playwright'
import { type ProfileSummary, summarise } from './cpuProfile.ts'

export type OpenPhases = {
  /** navigation → DOMContentLoaded: HTML, the module scripts fetched and run */
  scriptsMs: number
  /** → the documents API answered (the gate) */
  gateMs: number
  /** → the WebSocket was created */
  socketMs: number
  /** → the largest message (the first sync) reached the page */
  syncArrivedMs: number
  /**
   * → that message's handlers returned (Y.applyUpdate and every observer); when the page held
   * what its socket received until the first screen was painted (decision 0205), → the held
   * messages' handlers returned
   */
  syncAppliedMs: number
  /** → the page released the messages it held (0: it held none) */
  releasedMs: number
  /** → the first-screen answer arrived (0: the app asked for none; decision 0195) */
  firstScreenMs: number
  /** → the last column's first cell is in the DOM (the first screen's, or the live sheet's) */
  renderedMs: number
  /** → the frame after it (painted) */
  paintedMs: number
  /** → the live (editable) sheet's Z1 is in the DOM: the full state applied and rendered */
  liveMs: number
  syncBytes: number
}

declare global {
  interface Window {
    __weftPerf: { frames: [at: number, bytes: number, handled: number][]; socketAt: number }
  }
}

/** Installed before the page's scripts: times every WebSocket message and its handling. */
function instrumentSockets() {
  window.__weftPerf = { frames: [], socketAt: 0 }
  const Original = window.WebSocket
  const wrapped = new WeakMap<object, EventListener>()
  class Timed extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      window.__weftPerf.socketAt = performance.now()
      // Registered before the provider's listener, so it runs first: the message's arrival.
      super.addEventListener('message', (e: MessageEvent) => {
        const data = e.data as ArrayBuffer | Blob | string
        const bytes =
          data instanceof ArrayBuffer ? data.byteLength : data instanceof Blob ? data.size : 0
        window.__weftPerf.frames.push([performance.now(), bytes, 0])
      })
    }

    // The provider's own message listener, timed: when it returns, the message is applied.
    override addEventListener(type: string, listener: EventListener, options?: unknown) {
      if (type !== 'message') return super.addEventListener(type, listener, options as boolean)
      const timed = (e: Event) => {
        try {
          listener.call(this, e)
        } finally {
          const frame = window.__weftPerf.frames.at(-1)
          if (frame) frame[2] = performance.now()
        }
      }
      wrapped.set(listener, timed)
      super.addEventListener(type, timed, options as boolean)
    }

    override removeEventListener(type: string, listener: EventListener, options?: unknown) {
      super.removeEventListener(type, wrapped.get(listener) ?? listener, options as boolean)
    }
  }
  window.WebSocket = Timed
}

export async function openSheet(
  browser: Browser,
  url: string,
  profile: boolean,
): Promise<{ phases: OpenPhases; cpu: ProfileSummary | null }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.addInitScript(instrumentSockets)
  const cdp = await context.newCDPSession(page)
  if (profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  await page.goto(url)
  // After the load event; the sheet appears seconds later, when its first sync has arrived.
  // Z1 of whatever shows first (the first screen, or the live sheet), then the live sheet's.
  const [renderedMs, paintedMs, liveMs] = await page.evaluate(
    () =>
      new Promise<[number, number, number]>((resolve, reject) => {
        const shown = () => document.querySelector('[data-cell="Z1"]')
        const live = () => document.querySelector('[data-testid="grid"] [data-cell="Z1"]')
        let at = 0
        let painted = 0
        const check = () => {
          if (!at && shown()) {
            at = performance.now()
            requestAnimationFrame(() =>
              setTimeout(() => {
                painted = performance.now()
                check()
              }, 0),
            )
          }
          if (!painted || !live()) return false
          observer.disconnect()
          resolve([at, painted, performance.now()])
          return true
        }
        setTimeout(() => reject(new Error('no live Z1 within 120 s')), 120_000)
        const observer = new MutationObserver(check)
        observer.observe(document, { childList: true, subtree: true })
        check()
      }),
  )
  const cpu = profile ? summarise((await cdp.send('Profiler.stop')).profile) : null
  const page0 = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    // The gate's check is the first documents API request (the title and others follow).
    const gate = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/documents/') && !e.name.includes('/first-screen'))
      .map((e) => (e as PerformanceResourceTiming).responseEnd)
      .slice(0, 1)
    const screen = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/first-screen'))
      .map((e) => (e as PerformanceResourceTiming).responseEnd)
    // Messages held until the first screen was painted were applied at release (heldMessages.ts).
    const held = performance.getEntriesByName('weft:held-messages-applied')[0]
    return {
      releasedMs: held?.startTime ?? 0,
      heldAppliedMs: held ? held.startTime + held.duration : 0,
      firstScreenMs: Math.max(0, ...screen),
      scriptsMs: nav.domContentLoadedEventEnd,
      gateMs: Math.max(0, ...gate),
      socketMs: window.__weftPerf.socketAt,
      frames: window.__weftPerf.frames,
    }
  })
  const biggest = page0.frames.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0, 0])
  await context.close()
  const round = (ms: number) => Math.round(ms)
  return {
    phases: {
      scriptsMs: round(page0.scriptsMs),
      gateMs: round(page0.gateMs),
      socketMs: round(page0.socketMs),
      syncArrivedMs: round(biggest[0]),
      syncAppliedMs: round(Math.max(biggest[2], page0.heldAppliedMs)),
      releasedMs: round(page0.releasedMs),
      firstScreenMs: round(page0.firstScreenMs),
      renderedMs: round(renderedMs),
      paintedMs: round(paintedMs),
      liveMs: round(liveMs),
      syncBytes: biggest[1],
    },
    cpu,
  }
}

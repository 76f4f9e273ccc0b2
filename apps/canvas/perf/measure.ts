/**
 * Measures the free canvas with 5,000 shapes in headless Chromium against a running node: seeds a
 * document through a real provider, then times the first render and records frame times while
 * panning, zooming and dragging one shape; checks that the far-out drawing (a canvas) holds every
 * shape; finally exports SVG and counts the shapes in the file.
 *
 *   node apps/canvas/perf/measure.ts http://localhost:8080 [shapes]
 *
 * With CANVAS_PROFILE_DIR set, each gesture is also recorded as a Chrome CPU profile
 * (`pan.cpuprofile`, … in that directory: open them in Chrome DevTools' Performance panel) and
 * the functions with the most self time are printed under `profiles`.
 *
 * With CANVAS_TRACE_DIR set, each gesture is instead recorded as a Chrome trace (`pan.json`, …:
 * open them in chrome://tracing or Perfetto) and the busiest kinds of work per thread are printed
 * under `traces`: the main thread's layout and paint, and the compositor's and raster threads'
 * share, which a CPU profile of the page's JavaScript does not see.
 *
 * Needs @playwright/test (the e2e workspace's) and /usr/bin/chromium; the node must be in open dev
 * mode (no AUTH_SECRET), like `npm start`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { HocuspocusProvider } from '@hocuspocus/provider'
import { CANVAS_ROOTS, type ShapeType, zKeyBetween } from '@weft/canvas-model'
import { devToken } from '@weft/client'
import { type CDPSession, chromium, type Page } from 'playwright'
import * as Y from 'yjs'

const base = process.argv[2] ?? 'http://localhost:8080'
const SHAPES = Number(process.argv[3] ?? 5000)
const id = `perf-${Date.now().toString(36)}`
const author = { id: 'u-perf', name: 'Perf seeder' }
/** The shape the drag measurement grabs: on top, at a known place. */
const TARGET = { x: 60, y: 60, w: 120, h: 90 }

/** 5,000 shapes of every type spread over 6000 × 4000 canvas units (the first screen shows ~5%). */
async function seed(): Promise<number> {
  const doc = new Y.Doc()
  const provider = new HocuspocusProvider({
    url: `${base.replace(/^http/, 'ws')}/collab`,
    name: `canvas:${id}`,
    document: doc,
    token: devToken(author),
  })
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()))
  // Written in the stored format directly (CanvasModel.add finds the top z key by listing every
  // shape, which makes seeding 5,000 quadratic); same maps, fields and z keys as the app writes.
  const shapes = doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes)
  const types: ShapeType[] = ['rect', 'ellipse', 'line', 'arrow', 'freehand', 'text', 'sticky']
  const colours = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5']
  let z: string | null = null
  let rand = 42
  const random = () => {
    rand = (rand * 1103515245 + 12345) % 2 ** 31
    return rand / 2 ** 31
  }
  for (let start = 0; start < SHAPES; start += 500) {
    doc.transact(() => {
      for (let i = start; i < Math.min(SHAPES, start + 500); i++) {
        const last = i === SHAPES - 1
        const type = last ? 'rect' : (types[i % types.length] as ShapeType)
        const box = last
          ? TARGET
          : {
              x: Math.round(random() * 6000),
              y: Math.round(random() * 4000),
              w: 40 + Math.round(random() * 160),
              h: 30 + Math.round(random() * 120),
            }
        const m = new Y.Map<unknown>()
        m.set('type', type)
        m.set('box', box)
        z = zKeyBetween(z, null)
        m.set('z', z)
        m.set('rotation', i % 11 === 0 ? 15 : 0)
        m.set('stroke', colours[i % colours.length])
        m.set(
          'fill',
          type === 'rect' && i % 3 === 0 ? '#a5d8ff' : type === 'sticky' ? '#ffe066' : 'none',
        )
        m.set('strokeWidth', 2)
        if (type === 'line' || type === 'arrow') m.set('points', [0, 0, 1, 1])
        if (type === 'freehand') {
          const pts: number[] = []
          for (let k = 0; k <= 12; k++) pts.push(k / 12, 0.5 + 0.5 * Math.sin(k + i))
          m.set('points', pts)
        }
        if (type === 'text' || type === 'sticky') {
          m.set('text', `note ${i}`)
          m.set('fontSize', type === 'text' ? 20 : 16)
        }
        shapes.set(`s${i.toString(16).padStart(11, '0')}`, m)
      }
    })
  }
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  await new Promise<void>((resolve) => {
    const check = () => (provider.unsyncedChanges === 0 ? resolve() : setTimeout(check, 100))
    check()
  })
  provider.destroy()
  return bytes
}

/** Records requestAnimationFrame intervals in the page until `stop` is called. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __frames: number[]
      __recording: boolean
      __long: PerformanceEntry[]
      __longObserver?: PerformanceObserver
    }
    w.__frames = []
    w.__recording = true
    // Every long frame since the first gesture, kept past the end of each window (zoomAndRest).
    const all = w as unknown as { __startedAt: number; __allLong?: PerformanceEntry[] }
    all.__startedAt = performance.now()
    if (!all.__allLong) {
      const kept: PerformanceEntry[] = []
      all.__allLong = kept
      new PerformanceObserver((list) => kept.push(...list.getEntries())).observe({
        type: 'long-animation-frame',
      })
    }
    // Long animation frames (Chromium's LoAF entries, over 50 ms): whether a long frame went to
    // script (React) or to rendering (style, layout, paint), for the report below.
    w.__long = []
    w.__longObserver?.disconnect()
    w.__longObserver = new PerformanceObserver((list) => w.__long.push(...list.getEntries()))
    w.__longObserver.observe({ type: 'long-animation-frame' })
    // Redraws of the SVG drawing (its size follows the drawn zoom and render area): how often the
    // shapes were laid out again during the gesture, whatever the machine's load did to the fps.
    const redraws = w as unknown as { __redraws: number; __redrawObserver?: MutationObserver }
    redraws.__redraws = 0
    redraws.__redrawObserver?.disconnect()
    redraws.__redrawObserver = new MutationObserver(() => redraws.__redraws++)
    const svg = document.querySelector('.viewport > svg')
    if (svg) redraws.__redrawObserver.observe(svg, { attributeFilter: ['width', 'viewBox'] })
    let last = performance.now()
    const tick = (now: number) => {
      w.__frames.push(now - last)
      last = now
      if (w.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame((now) => {
      last = now
      requestAnimationFrame(tick)
    })
  })
}

/** A long animation frame: its length and how it split into script, style + layout, and the rest. */
type LongFrame = {
  ms: number
  at: number
  script: number
  forced: number
  styleLayout: number
  scripts: string[]
}

async function stopFrames(page: Page) {
  const { frames, long, redraws } = await page.evaluate(() => {
    type Loaf = PerformanceEntry & {
      renderStart: number
      styleAndLayoutStart: number
      scripts: {
        duration: number
        forcedStyleAndLayoutDuration: number
        invoker: string
        sourceFunctionName: string
      }[]
    }
    const w = window as unknown as {
      __frames: number[]
      __recording: boolean
      __long: Loaf[]
      __longObserver?: PerformanceObserver
    }
    w.__recording = false
    w.__longObserver?.disconnect()
    const r = (v: number) => Math.round(v)
    const since = (w as unknown as { __startedAt: number }).__startedAt
    const long = w.__long.map((e) => ({
      ms: r(e.duration),
      // When it started, from the start of the recording: a frame begun before it (a click's
      // redraw just before the gesture) has a negative start.
      at: r(e.startTime - since),
      script: r(e.scripts.reduce((a, sc) => a + sc.duration, 0)),
      // Of the script time, what went to style and layout forced by reading them from script.
      forced: r(e.scripts.reduce((a, sc) => a + sc.forcedStyleAndLayoutDuration, 0)),
      // Style and layout run from styleAndLayoutStart; paint and commit follow until the end.
      styleLayout: e.styleAndLayoutStart ? r(e.startTime + e.duration - e.styleAndLayoutStart) : 0,
      scripts: e.scripts
        .filter((sc) => sc.duration >= 5)
        .map((sc) => `${sc.invoker} ${sc.sourceFunctionName} ${r(sc.duration)}`),
    }))
    const redraws = w as unknown as { __redraws: number; __redrawObserver?: MutationObserver }
    redraws.__redrawObserver?.disconnect()
    return { frames: w.__frames, long, redraws: redraws.__redraws }
  })
  frames.sort((a, b) => a - b)
  const pick = (q: number) =>
    frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0
  const round = (v: number) => Math.round(v * 10) / 10
  const total = frames.reduce((a, b) => a + b, 0)
  return {
    frames: frames.length,
    fps: round((frames.length * 1000) / total),
    p50: round(pick(0.5)),
    p95: round(pick(0.95)),
    max: round(pick(1)),
    redraws,
    // The five longest animation frames, longest first.
    long: (long as LongFrame[]).sort((a, b) => b.ms - a.ms).slice(0, 5),
  }
}

/** Main-thread time by kind (Chromium's Performance domain), in ms, so far. */
let cdp: CDPSession | null = null
async function mainThread(page: Page): Promise<Record<string, number>> {
  if (!cdp) {
    cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
  }
  const { metrics } = await cdp.send('Performance.getMetrics')
  const pick = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000
  return {
    script: pick('ScriptDuration'),
    style: pick('RecalcStyleDuration'),
    layout: pick('LayoutDuration'),
    task: pick('TaskDuration'),
  }
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

const profileDir = process.env.CANVAS_PROFILE_DIR
const profiles: Record<string, { selfMs: number; fn: string }[]> = {}

/** The functions with the most self time in a CPU profile (ms), idle and GC included. */
function topSelfTime(profile: CpuProfile, count = 12): { selfMs: number; fn: string }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const self = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  for (const [i, id] of samples.entries()) {
    const frame = byNode.get(id)
    if (!frame) continue
    const where = frame.url ? ` ${basename(frame.url).split('?')[0]}:${frame.lineNumber + 1}` : ''
    const key = `${frame.functionName || '(anonymous)'}${where}`
    // A sample's time is the delta to the next sample.
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000)
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, ms]) => ({ selfMs: Math.round(ms * 10) / 10, fn }))
}

type TraceEvent = {
  ph: string
  name: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

const traceDir = process.env.CANVAS_TRACE_DIR
type Busiest = { ms: number; cpu: number; count: number; what: string }
const traces: Record<string, Busiest[]> = {}

/**
 * The kinds of work that took the most time in a trace, by thread, summed over the gesture: `ms`
 * wall time, `cpu` the thread's own CPU time (what load on the machine does not inflate).
 * Only complete events; nested ones count again inside their parent, so read the rows per name.
 */
function busiestWork(events: TraceEvent[], count = 20): Busiest[] {
  const threadName = new Map<string, string>()
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
  const sums = new Map<string, { ms: number; cpu: number; count: number }>()
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue
    const thread = (threadName.get(`${e.pid}:${e.tid}`) ?? `${e.tid}`).replace(/\d+$/, '')
    const key = `${thread} ${e.name}`
    const sum = sums.get(key) ?? { ms: 0, cpu: 0, count: 0 }
    sum.ms += e.dur / 1000
    sum.cpu += (e.tdur ?? 0) / 1000
    sum.count++
    sums.set(key, sum)
  }
  return [...sums]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, count)
    .map(([what, { ms, cpu, count }]) => ({
      ms: Math.round(ms),
      cpu: Math.round(cpu),
      count,
      what,
    }))
}

/** Runs `gesture` while Chrome records a trace with the rendering categories (CANVAS_TRACE_DIR). */
async function traced<T>(page: Page, name: string, gesture: () => Promise<T>): Promise<T> {
  if (!traceDir) return gesture()
  await mkdir(traceDir, { recursive: true })
  const path = join(traceDir, `${name}.json`)
  await page
    .context()
    .browser()
    ?.startTracing(page, {
      path,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'cc',
        'gpu',
        'viz',
        'benchmark',
        'toplevel',
      ],
    })
  const result = await gesture()
  // The redraw when a zoom rests comes SETTLE_MS (150 ms) after its last step: keep it in.
  await page.waitForTimeout(500)
  await page.context().browser()?.stopTracing()
  const trace = JSON.parse(await readFile(path, 'utf8')) as { traceEvents: TraceEvent[] }
  traces[name] = busiestWork(trace.traceEvents)
  return result
}

/** Runs `gesture` under Chrome's sampling profiler when CANVAS_PROFILE_DIR is set. */
async function profiled<T>(page: Page, name: string, gesture: () => Promise<T>): Promise<T> {
  if (!profileDir) return traced(page, name, gesture)
  await mainThread(page)
  const session = cdp as CDPSession
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 250 })
  await session.send('Profiler.start')
  const result = await gesture()
  const { profile } = await session.send('Profiler.stop')
  await mkdir(profileDir, { recursive: true })
  await writeFile(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile))
  profiles[name] = topSelfTime(profile as CpuProfile)
  return result
}

/**
 * Runs `gesture` while recording frames; also reports the wall time per input step and where the
 * main thread's time went per step (script = our JS + React; the rest of `task` is mostly paint,
 * hit testing and input handling).
 */
async function measure(page: Page, name: string, steps: number, gesture: () => Promise<void>) {
  const before = await mainThread(page)
  await startFrames(page)
  const t = performance.now()
  await profiled(page, name, gesture)
  const ms = performance.now() - t
  // One more frame so the last step's render is counted.
  await page.evaluate(() => new Promise(requestAnimationFrame))
  const frames = await stopFrames(page)
  const after = await mainThread(page)
  const per = (k: string) => Math.round((((after[k] ?? 0) - (before[k] ?? 0)) / steps) * 10) / 10
  return {
    ...frames,
    msPerStep: Math.round((ms / steps) * 10) / 10,
    mainThreadPerStep: {
      script: per('script'),
      style: per('style'),
      layout: per('layout'),
      task: per('task'),
    },
  }
}

const stateBytes = await seed()
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
const t0 = Date.now()
await page.goto(`${base}/canvas/${id}`)
// The layer holds only the shapes near the screen (viewport culling); it reports the total.
await page
  .locator(`[data-layer="shapes"][data-total="${SHAPES}"] [data-shape-id]`)
  .first()
  .waitFor({ state: 'attached', timeout: 120_000 })
const firstRenderMs = Date.now() - t0
const rendered = async () =>
  Number(await page.locator('[data-layer="shapes"]').getAttribute('data-rendered'))
const renderedAtStart = await rendered()
const box = await page.getByTestId('canvas').boundingBox()
if (!box) throw new Error('no canvas')
await page.waitForTimeout(500)

// Pan: middle-button drag across the canvas, 120 pointer steps.
const PAN = 120
const pan = await measure(page, 'pan', PAN, async () => {
  await page.mouse.move(box.x + 1000, box.y + 700)
  await page.mouse.down({ button: 'middle' })
  await page.mouse.move(box.x + 200, box.y + 200, { steps: PAN })
  await page.mouse.up({ button: 'middle' })
})
await page.locator('[data-testid="zoom"] button').click() // back to 0,0 ×1

// Zoom: 60 Ctrl+wheel notches out, then back in, at the middle of the screen (the plain wheel
// pans, as in tldraw: apps/canvas/src/wheel.ts).
const ZOOM = 60
const zoom = await measure(page, 'zoom', ZOOM, async () => {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.keyboard.down('Control')
  for (let i = 0; i < ZOOM / 2; i++) await page.mouse.wheel(0, 60)
  for (let i = 0; i < ZOOM / 2; i++) await page.mouse.wheel(0, -60)
  await page.keyboard.up('Control')
})
const zoomedTo = await page.locator('[data-testid="zoom"] button').textContent()
// The redraw once the zoom rests (SETTLE_MS after the last notch) may fall after the window
// above: the long frames from the first notch until 600 ms after the last, rest included.
await page.waitForTimeout(600)
const zoomAndRest = await page.evaluate(() => {
  type Loaf = PerformanceEntry & { styleAndLayoutStart: number; scripts: { duration: number }[] }
  const w = window as unknown as { __startedAt: number; __allLong: Loaf[] }
  const r = Math.round
  return w.__allLong
    .filter((e) => e.startTime >= w.__startedAt)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((e) => ({
      ms: r(e.duration),
      script: r(e.scripts.reduce((a, sc) => a + sc.duration, 0)),
      styleLayout: e.styleAndLayoutStart ? r(e.startTime + e.duration - e.styleAndLayoutStart) : 0,
    }))
})
await page.locator('[data-testid="zoom"] button').click()

// Far out the shapes are pixels on a canvas (apps/canvas/src/detail.ts). Not timed: checks that
// the zoom above was measured with the whole board drawn there, not an empty or partial layer.
await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
await page.keyboard.down('Control')
for (let i = 0; i < ZOOM / 2; i++) await page.mouse.wheel(0, 60)
await page.keyboard.up('Control')
const farLayer = page.locator('[data-layer="raster"]')
// On a busy machine a pause between notches redraws the board at an in-between zoom first, with
// part of it: wait (bounded) for the drawing at the final zoom before counting.
await page
  .locator(`[data-layer="raster"][data-rendered="${SHAPES}"]`)
  .waitFor({ state: 'attached', timeout: 10_000 })
  .catch(() => farLayer.waitFor({ state: 'attached' }))
const farOut = {
  zoom: await page.locator('[data-testid="zoom"] button').textContent(),
  rasterShapes: Number(await farLayer.getAttribute('data-rendered')),
  svgShapes: await rendered(),
}
if (farOut.rasterShapes !== SHAPES) throw new Error(`far out, ${JSON.stringify(farOut)}`)
await page.locator('[data-testid="zoom"] button').click()
await page.waitForTimeout(500)

// Drag one shape (the top one at TARGET) by 300 × 200 in 120 pointer steps.
const DRAG = 120
const grab = { x: box.x + TARGET.x + TARGET.w / 2, y: box.y + TARGET.y + TARGET.h / 2 }
const drag = await measure(page, 'drag', DRAG, async () => {
  await page.mouse.move(grab.x, grab.y)
  await page.mouse.down()
  await page.mouse.move(grab.x + 300, grab.y + 200, { steps: DRAG })
  await page.mouse.up()
})
const moved = await page.evaluate(() => {
  const doc = JSON.parse((window as unknown as { __canvasDoc: string }).__canvasDoc)
  const s = doc.shapes.at(-1)
  return { x: s.x, y: s.y }
})

// Export draws every shape from the model, not the (culled) screen: count them in the file.
const exportStart = Date.now()
const download = page.waitForEvent('download')
await page.getByRole('button', { name: 'Export SVG' }).click()
const svgPath = await (await download).path()
const exportMs = Date.now() - exportStart
const exported = ((await readFile(svgPath, 'utf8')).match(/data-shape-id=/g) ?? []).length

// Not timed: whether the drawing is laid out again while Ctrl+wheel keeps turning at the 10 %
// limit (notches that leave the zoom as it is): counted as DOM changes in the drawing (its size,
// its shapes, the far-out canvas), with the longest gap between notches as the page saw them
// (a gap over SETTLE_MS, 150 ms, is a pause, and a redraw then is expected).
await page.locator('[data-testid="zoom"] button').click()
await page.waitForTimeout(500)
// The notches are sent from inside the page, one every 40 ms (as a wheel turned steadily sends
// them), so a busy machine's slow round trips to the browser do not make pauses of them: 26 reach
// the limit, and the 15 after them are counted.
const atLimit = await page.evaluate(
  ({ x, y }) =>
    new Promise<{ redrawsWhileTurning: number; notches: number; longestGapMs: number }>((done) => {
      const stage = document.querySelector('.viewport') as Element
      let changes = 0
      let counting = false
      new MutationObserver(() => {
        if (counting) changes++
      }).observe(stage, { attributeFilter: ['width', 'viewBox'], subtree: true, childList: true })
      const gaps: number[] = []
      let last = 0
      let sent = 0
      const notch = () => {
        const now = performance.now()
        if (sent > 26) gaps.push(Math.round(now - last))
        last = now
        counting = sent >= 26
        const init = { deltaY: 60, ctrlKey: true, clientX: x, clientY: y, bubbles: true }
        stage.dispatchEvent(new WheelEvent('wheel', { ...init, cancelable: true }))
        if (++sent < 41) setTimeout(notch, 40)
        // What the last notches changed is seen by the observer in the next microtask.
        else
          setTimeout(() =>
            done({ redrawsWhileTurning: changes, notches: 15, longestGapMs: Math.max(...gaps) }),
          )
      }
      notch()
    }),
  { x: box.x + box.width / 2, y: box.y + box.height / 2 },
)
const limitZoom = await page.locator('[data-testid="zoom"] button').textContent()
const zoomAtLimit = { zoom: limitZoom, ...atLimit }

console.log(
  JSON.stringify(
    {
      document: `canvas:${id}`,
      shapes: SHAPES,
      stateBytes,
      firstRenderMs,
      renderedAtStart,
      pan,
      zoom: { ...zoom, endedAt: zoomedTo, longestWithRest: zoomAndRest },
      farOut,
      drag: { ...drag, endedAt: moved },
      exportSvg: { ms: exportMs, shapes: exported },
      zoomAtLimit,
      ...(profileDir ? { profiles } : {}),
      ...(traceDir ? { traces } : {}),
    },
    null,
    2,
  ),
)
await browser.close()

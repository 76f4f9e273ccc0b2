/**
 * The grid at 10,000 rows × 26 columns in headless Chromium against a running node: seeds a
 * sheet through a real provider, then opens it cold (the node loads it from its database) and
 * warm (another client holds it), says where each open's time goes, times a plain provider's
 * sync, scrolls at wheel and flick speed recording frame times, and times a cell edit.
 *
 *   node apps/grid/perf/measure.ts http://127.0.0.1:18481 [--rows 10000]
 *     [--encoding blocks|compact|legacy] [--runs 2] [--profile] [--trace]
 *     [--sheet <id>] [--scroll-only] [--scroll-runs 1]
 *
 * `--encoding blocks` (the default) seeds through the import's bulk path, one row block per row
 * (decision 0203); `compact` seeds one entry per cell, as before; `legacy` seeds cells in the
 * form written before decision 0135; `--profile` adds a CPU profile summary (by bundle chunk and
 * function) of the first cold open and of a flick;
 * `--trace` the main thread's CPU per frame of each wheel and flick scroll, by kind of work
 * (frameTrace.ts: the load-independent figure). `--sheet` reuses a sheet seeded before (its id
 * is in every run's output) instead of seeding one; `--scroll-only` measures only the scrolls,
 * `--scroll-runs` times over (the scroll figures are then lists, one entry per run).
 * Needs playwright (the e2e workspace's) and /usr/bin/chromium. Prints one JSON object.
 */
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { summarise } from './cpuProfile.ts'
import { traceMainThread } from './frameTrace.ts'
import { openSheet } from './openSheet.ts'
import { scrollFrames } from './scrollFrames.ts'
import { type Encoding, seedSheet } from './seedSheet.ts'
import { providerSync, untilUnloaded } from './serverState.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '10000' },
    encoding: { type: 'string', default: 'blocks' },
    runs: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    sheet: { type: 'string' },
    'scroll-only': { type: 'boolean', default: false },
    'scroll-runs': { type: 'string', default: '1' },
  },
})
const base = positionals[0] ?? 'http://127.0.0.1:8080'
const rows = Number(values.rows)
const runs = Number(values.runs)
const encoding = values.encoding as Encoding
const id = values.sheet ?? `perf-${Date.now().toString(36)}`
const scrollOnly = values['scroll-only']
const scrollRuns = Number(values['scroll-runs'])
const sheetUrl = `${base}/grid/${id}`
const load = () => loadavg().map((l) => Math.round(l * 100) / 100)

const startedAt = new Date().toISOString()
const loadBefore = load()
const seededBytes = values.sheet ? null : await seedSheet(base, id, rows, encoding)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})

const cold = []
const warm = []
let coldProfile = null
for (let run = 0; run < (scrollOnly ? 0 : runs); run++) {
  if (!(await untilUnloaded(base))) throw new Error('the node kept the sheet loaded for 120 s')
  const opened = await openSheet(browser, sheetUrl, values.profile && run === 0)
  cold.push(opened.phases)
  coldProfile ??= opened.cpu
  // Held by a provider, the sheet stays loaded on the node: the next open is warm.
  const holder = await providerSync(base, id)
  warm.push((await openSheet(browser, sheetUrl, false)).phases)
  holder.close()
}

// A provider without a browser: the node's part (cold, then warm) and one parse in Node.
let provider = null
if (!scrollOnly) {
  await untilUnloaded(base)
  const cold = await providerSync(base, id)
  const warm = await providerSync(base, id)
  warm.close()
  cold.close()
  provider = {
    coldSyncMs: Math.round(cold.syncMs),
    warmSyncMs: Math.round(warm.syncMs),
    nodeParseMs: Math.round(cold.parseMs),
    stateBytes: cold.stateBytes,
  }
}

// Scrolling and an edit, on a page of its own (the sheet warm).
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
const page = await context.newPage()
await page.goto(sheetUrl)
// The live sheet (not the first screen, decision 0195): scrolling and editing need it.
await page.locator('[data-testid="grid"] [data-cell="Z1"]').waitFor({ timeout: 120_000 })
const scroll = (step: number | 'screen', limit: number) =>
  values.trace
    ? traceMainThread(browser, page, () => scrollFrames(page, step, limit)).then(
        ({ result, cpu }) => ({ ...result, mainThreadCpu: cpu }),
      )
    : scrollFrames(page, step, limit)
const wheels = []
const flicks = []
let flickProfile = null
for (let run = 0; run < scrollRuns; run++) {
  wheels.push(await scroll(100, 600))
  const cdp = await context.newCDPSession(page)
  const profiled = values.profile && run === 0
  if (profiled) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  flicks.push(await scroll('screen', 10_000))
  if (profiled) flickProfile = summarise((await cdp.send('Profiler.stop')).profile)
  await cdp.detach()
}
const wheel = scrollRuns === 1 ? wheels[0] : wheels
const flick = scrollRuns === 1 ? flicks[0] : flicks

// Edit latency: type into the last row's A and wait until its SUM shows the change.
let editMs = null
if (!scrollOnly) {
  const last = `A${rows}`
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="grid"]') as HTMLElement
    el.scrollTop = el.scrollHeight
  })
  await page.locator(`[data-cell="${last}"]`).click()
  const before = await page.locator(`[data-cell="Z${rows}"]`).textContent()
  const t1 = performance.now()
  await page.keyboard.type('1000000')
  await page.keyboard.press('Enter')
  await page.waitForFunction(
    ([cell, prev]) => document.querySelector(`[data-cell="${cell}"]`)?.textContent !== prev,
    [`Z${rows}`, before] as const,
  )
  editMs = Math.round(performance.now() - t1)
}
await browser.close()

const result = {
  startedAt,
  base,
  sheet: id,
  rows,
  cols: 26,
  encoding,
  seededBytes,
  loadavg: { before: loadBefore, after: load() },
  open: { cold, warm },
  provider,
  wheel,
  flick,
  editMs,
  ...(values.profile ? { profile: { coldOpen: coldProfile, flick: flickProfile } } : {}),
}
console.log(JSON.stringify(result, null, 2))

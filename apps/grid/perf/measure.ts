/**
 * The grid at 10,000 rows × 26 columns in headless Chromium against a running node: seeds a
 * sheet through a real provider, then opens it cold (the node loads it from its database) and
 * warm (another client holds it), says where each open's time goes, times a plain provider's
 * sync, scrolls at wheel and flick speed recording frame times, and times a cell edit.
 *
 *   node apps/grid/perf/measure.ts http://127.0.0.1:18481 [--rows 10000]
 *     [--encoding blocks|compact|legacy] [--runs 2] [--profile]
 *
 * `--encoding blocks` (the default) seeds through the import's bulk path, one row block per row
 * (decision 0203); `compact` seeds one entry per cell, as before; `legacy` seeds cells in the
 * form written before decision 0135; `--profile` adds a
 * CPU profile summary (by bundle chunk and function) of the first cold open and of a flick.
 * Needs playwright (the e2e workspace's) and /usr/bin/chromium. Prints one JSON object.
 */
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { summarise } from './cpuProfile.ts'
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
  },
})
const base = positionals[0] ?? 'http://127.0.0.1:8080'
const rows = Number(values.rows)
const runs = Number(values.runs)
const encoding = values.encoding as Encoding
const id = `perf-${Date.now().toString(36)}`
const sheetUrl = `${base}/grid/${id}`
const load = () => loadavg().map((l) => Math.round(l * 100) / 100)

const startedAt = new Date().toISOString()
const loadBefore = load()
const seededBytes = await seedSheet(base, id, rows, encoding)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})

const cold = []
const warm = []
let coldProfile = null
for (let run = 0; run < runs; run++) {
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
await untilUnloaded(base)
const providerCold = await providerSync(base, id)
const providerWarm = await providerSync(base, id)
providerWarm.close()

// Scrolling and an edit, on a page of its own (the sheet warm).
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
const page = await context.newPage()
await page.goto(sheetUrl)
// The live sheet (not the first screen, decision 0195): scrolling and editing need it.
await page.locator('[data-testid="grid"] [data-cell="Z1"]').waitFor({ timeout: 120_000 })
const wheel = await scrollFrames(page, 100, 600)
const cdp = await context.newCDPSession(page)
if (values.profile) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.start')
}
const flick = await scrollFrames(page, 'screen', 10_000)
const flickProfile = values.profile ? summarise((await cdp.send('Profiler.stop')).profile) : null

// Edit latency: type into the last row's A and wait until its SUM shows the change.
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
const editMs = Math.round(performance.now() - t1)
providerCold.close()
await browser.close()

const result = {
  startedAt,
  base,
  rows,
  cols: 26,
  encoding,
  seededBytes,
  loadavg: { before: loadBefore, after: load() },
  open: { cold, warm },
  provider: {
    coldSyncMs: Math.round(providerCold.syncMs),
    warmSyncMs: Math.round(providerWarm.syncMs),
    nodeParseMs: Math.round(providerCold.parseMs),
    stateBytes: providerCold.stateBytes,
  },
  wheel,
  flick,
  editMs,
  ...(values.profile ? { profile: { coldOpen: coldProfile, flick: flickProfile } } : {}),
}
console.log(JSON.stringify(result, null, 2))

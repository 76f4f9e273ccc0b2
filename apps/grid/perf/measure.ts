/**
 * Measures the grid at 10,000 rows × 26 columns in headless Chromium against
 * a running node: seeds a sheet through a real provider, then times the first
 * render, a full-speed scroll through all rows, and a cell edit.
 *
 *   node apps/grid/perf/measure.ts http://localhost:8080
 *
 * Needs @playwright/test (the e2e workspace's) and /usr/bin/chromium.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { devToken } from '@weft/client'
import { GridModel, toStoredFormula } from '@weft/grid-model'
import { chromium } from 'playwright'
import * as Y from 'yjs'

const base = process.argv[2] ?? 'http://localhost:8080'
const ROWS = 10_000
const COLS = 26
const id = `perf-${Date.now().toString(36)}`
const author = { id: 'u-perf', name: 'Perf seeder' }

async function seed(): Promise<number> {
  const doc = new Y.Doc()
  const provider = new HocuspocusProvider({
    url: `${base.replace(/^http/, 'ws')}/collab`,
    name: `grid:${id}`,
    document: doc,
    token: devToken(author),
  })
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()))
  const model = new GridModel(doc)
  model.initialize(ROWS, COLS)
  const { rowIds, colIds } = model.layout()
  // Numbers everywhere, and a SUM formula in the last column of every row.
  for (let start = 0; start < ROWS; start += 1000) {
    const writes: { rowId: string; colId: string; value: string }[] = []
    for (let r = start; r < Math.min(ROWS, start + 1000); r++) {
      for (let c = 0; c < COLS - 1; c++) {
        writes.push({
          rowId: rowIds[r] as string,
          colId: colIds[c] as string,
          value: String(r * c),
        })
      }
      const formula = toStoredFormula(`=SUM(A${r + 1}:Y${r + 1})`, model.layout())
      writes.push({ rowId: rowIds[r] as string, colId: colIds[COLS - 1] as string, value: formula })
    }
    model.setCells(writes, author)
  }
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  await new Promise<void>((resolve) => {
    const check = () => (provider.unsyncedChanges === 0 ? resolve() : setTimeout(check, 100))
    check()
  })
  provider.destroy()
  return bytes
}

const stateBytes = await seed()
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
const t0 = Date.now()
await page.goto(`${base}/grid/${id}`)
await page.locator('[data-cell="Z1"]').waitFor({ timeout: 60_000 })
const firstRenderMs = Date.now() - t0

// Scroll with `step` px per frame (a screen = a flick, 100 px = a wheel notch)
// for at most `limit` frames, recording frame times.
const scrollRun = (step: number | 'screen', limit: number) =>
  page.evaluate(
    async ([step, limit]) => {
      const el = document.querySelector('[data-testid="grid"]') as HTMLElement
      el.scrollTop = 0
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
      frames.sort((a, b) => a - b)
      const pick = (q: number) =>
        frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0
      const bottom = document.querySelector('[data-cell="A10000"]') !== null
      return { frames: frames.length, p50: pick(0.5), p95: pick(0.95), max: pick(1), bottom }
    },
    [step, limit] as const,
  )
const wheel = await scrollRun(100, 600)
const scroll = await scrollRun('screen', 10_000)

// Edit latency: type into A10000 and wait until the row's SUM shows the change.
await page.locator('[data-cell="A10000"]').click()
const before = await page.locator('[data-cell="Z10000"]').textContent()
const t1 = Date.now()
await page.keyboard.type('1000000')
await page.keyboard.press('Enter')
await page.waitForFunction(
  (prev) => document.querySelector('[data-cell="Z10000"]')?.textContent !== prev,
  before,
)
const editMs = Date.now() - t1

const result = {
  rows: ROWS,
  cols: COLS,
  stateBytes,
  firstRenderMs,
  wheel,
  scroll,
  editMs,
}
console.log(JSON.stringify(result, null, 2))
await browser.close()

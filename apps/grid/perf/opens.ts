/**
 * Only the opens of `measure.ts`, for comparing builds side by side: opens a sheet seeded before
 * (`measure.ts` prints its id) once to leave the browser's first page load out, then `runs`
 * times cold (the node has unloaded it) and warm (a provider holds it), printing one JSON line per
 * open with its phases (openSheet.ts) and the load average.
 *
 *   node apps/grid/perf/opens.ts http://127.0.0.1:18611 <sheet id> [runs, default 2]
 */
import { loadavg } from 'node:os'
import { chromium } from 'playwright'
import { openSheet } from './openSheet.ts'
import { providerSync, untilUnloaded } from './serverState.ts'

const [base = 'http://127.0.0.1:8080', id, runs = '2'] = process.argv.slice(2)
if (!id) throw new Error('usage: opens.ts <node url> <sheet id> [runs]')
const url = `${base}/grid/${id}`
const load = () => Math.round((loadavg()[0] ?? 0) * 10) / 10
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
await untilUnloaded(base)
await openSheet(browser, url, false)
for (let run = 0; run < Number(runs); run++) {
  if (!(await untilUnloaded(base))) throw new Error('the node kept the sheet loaded for 120 s')
  const cold = await openSheet(browser, url, false)
  console.log(JSON.stringify({ open: 'cold', load: load(), ...cold.phases }))
  const holder = await providerSync(base, id)
  const warm = await openSheet(browser, url, false)
  console.log(JSON.stringify({ open: 'warm', load: load(), ...warm.phases }))
  holder.close()
}
await browser.close()

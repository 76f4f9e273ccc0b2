/**
 * `node bench/src/profileSummary.ts <file.cpuprofile> [top]`: self time per function (and per
 * package), to read a `--cpu-prof` profile of a node process without a browser.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
}

const [file, topArg] = process.argv.slice(2)
if (!file) throw new Error('usage: profileSummary.ts <file.cpuprofile> [top]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}
const selfMs = new Map<number, number>()
profile.samples.forEach((id, i) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
})
const byFunction = new Map<string, number>()
const byPackage = new Map<string, number>()
let total = 0
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id) ?? 0
  total += ms
  const url = node.callFrame.url.replace(/^file:\/\/\/work\/main\//, '')
  const name = `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.startsWith('node:')
      ? 'node:internal'
      : url.split('/').slice(0, 2).join('/') || node.callFrame.functionName)
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms)
}
const top = Number(topArg ?? 25)
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${Math.round(total)} ms)\n`)
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(
      `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}\n`,
    )
}
print('self time by package', byPackage)
print('self time by function', byFunction)

/**
 * `node bench/src/allocationSummary.ts <file.heapprofile> [top] [--seconds N]`: what a sampling
 * heap profile (instrument/processStatsMain.ts, /alloc/*) says was allocated, by function (self)
 * and by the nearest caller of ours or of a package (inclusive), largest first. With --seconds,
 * also as a rate.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

interface Frame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  callFrame: Frame
  selfSize: number
  children: ProfileNode[]
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { seconds: { type: 'string' } },
})
const [file, topArg] = positionals
if (!file) throw new Error('usage: allocationSummary.ts <file.heapprofile> [top] [--seconds N]')
const top = Number(topArg ?? 30)
const seconds = values.seconds ? Number(values.seconds) : undefined
const root = (JSON.parse(readFileSync(file, 'utf8')) as { head: ProfileNode }).head

const where = (frame: Frame) => {
  const url = frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '')
  return `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`
}
const self = new Map<string, number>()
/** Inclusive bytes per stack (outermost 6 frames that have a url), to see who asks. */
const stacks = new Map<string, number>()
let total = 0

function walk(node: ProfileNode, path: Frame[]): number {
  const here = [...path, node.callFrame]
  let size = node.selfSize
  if (node.selfSize > 0) {
    const key = where(node.callFrame)
    self.set(key, (self.get(key) ?? 0) + node.selfSize)
    const stack = here
      .filter((frame) => frame.url)
      .slice(-6)
      .map(where)
      .join('\n    ← ')
    stacks.set(stack, (stacks.get(stack) ?? 0) + node.selfSize)
  }
  for (const child of node.children) size += walk(child, here)
  return size
}
total = walk(root, [])

const MB = 2 ** 20
const line = (bytes: number) =>
  `${(bytes / MB).toFixed(2).padStart(8)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)} %` +
  (seconds ? ` ${(bytes / MB / seconds).toFixed(2).padStart(6)} MB/s` : '')
console.log(`total sampled ${line(total)}`)
console.log('\nby function (self):')
for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${line(bytes)}  ${key}`)
console.log('\nby stack (innermost first):')
for (const [key, bytes] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(top / 2)))
  console.log(`${line(bytes)}  ${key.split('\n    ← ').reverse().join('\n    ← ')}`)

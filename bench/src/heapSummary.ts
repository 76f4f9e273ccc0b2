/**
 * What a V8 heap snapshot is made of: self size and count per constructor (objects, closures,
 * strings, arrays…), largest first. With two snapshots, the difference per item, divided by
 * `--per` (e.g. the socket count of scenario 4: memory per socket, by kind). Run:
 * `node bench/src/heapSummary.ts a.heapsnapshot [b.heapsnapshot] [--per 10000] [--top 40]`.
 */
import { readFileSync } from 'node:fs'

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}

type Totals = Map<string, { size: number; count: number }>

function totals(file: string): Totals {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
  const fields = data.snapshot.meta.node_fields
  const types = data.snapshot.meta.node_types[0]
  const stride = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const result: Totals = new Map()
  for (let i = 0; i < data.nodes.length; i += stride) {
    const type = types[data.nodes[i + typeAt] as number] as string
    const name = data.strings[data.nodes[i + nameAt] as number] as string
    // Strings are keyed by type only: their names are their contents.
    const key = type === 'object' || type === 'closure' ? `${type} ${name}` : type
    const entry = result.get(key) ?? { size: 0, count: 0 }
    entry.size += data.nodes[i + sizeAt] as number
    entry.count += 1
    result.set(key, entry)
  }
  return result
}

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name)
  if (at === -1) return fallback
  const value = Number(args[at + 1])
  args.splice(at, 2)
  return value
}
const per = option('--per', 1)
const top = option('--top', 40)
const [first, second] = args
if (!first) throw new Error('usage: heapSummary.ts a.heapsnapshot [b.heapsnapshot] [--per N]')
const a = totals(first)
const b = second ? totals(second) : undefined
const keys = new Set([...a.keys(), ...(b?.keys() ?? [])])
const rows = [...keys].map((key) => {
  const x = a.get(key) ?? { size: 0, count: 0 }
  const y = b?.get(key) ?? { size: 0, count: 0 }
  return { key, a: x, b: y, delta: b ? x.size - y.size : x.size }
})
rows.sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta))
const sum = (t: Totals) => [...t.values()].reduce((s, e) => s + e.size, 0)
console.log(
  `total: ${(sum(a) / 2 ** 20).toFixed(1)} MB${b ? ` vs ${(sum(b) / 2 ** 20).toFixed(1)} MB` : ''}`,
)
for (const row of rows.slice(0, top)) {
  const line = b
    ? `${(row.delta / per).toFixed(0).padStart(8)} B/unit  ${row.a.count}/${row.b.count}  ${row.key}`
    : `${(row.a.size / per).toFixed(0).padStart(8)} B/unit  ${row.a.count}  ${row.key}`
  console.log(line)
}

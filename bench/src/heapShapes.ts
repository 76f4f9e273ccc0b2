/**
 * What each socket holds, from two V8 heap snapshots (e.g. scenario 4's, ours and bare
 * Hocuspocus's, or main's and a branch's): objects grouped by constructor *and* property names,
 * so the records of different code that share the `Object` constructor are told apart, with the
 * difference in count and self size divided by `--per` (the socket count). A row whose count
 * differs by a whole number per socket is a per-socket object of one side. `--who a,b,c` prints
 * instead where the objects with exactly those property names (sorted, comma-separated) of the
 * first snapshot are held: their first retainers, four levels up. Run:
 * `node bench/src/heapShapes.ts a.heapsnapshot b.heapsnapshot --per 2000 [--top 60]`
 * `node bench/src/heapShapes.ts a.heapsnapshot --who address,family`
 */
import { readFileSync } from 'node:fs'

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[]]
      edge_fields: string[]
      edge_types: [string[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/** Kinds whose name is a constructor or function: split further by their property names. */
const SHAPED = new Set(['object', 'closure', 'hidden', 'array', 'object shape', 'number'])

class Heap {
  readonly data: RawSnapshot
  private readonly nodeStride: number
  private readonly edgeStride: number
  private readonly at: Record<
    'type' | 'name' | 'size' | 'edges' | 'edgeType' | 'edgeName' | 'to',
    number
  >

  constructor(file: string) {
    this.data = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot
    const { node_fields: nodes, edge_fields: edges } = this.data.snapshot.meta
    this.nodeStride = nodes.length
    this.edgeStride = edges.length
    this.at = {
      type: nodes.indexOf('type'),
      name: nodes.indexOf('name'),
      size: nodes.indexOf('self_size'),
      edges: nodes.indexOf('edge_count'),
      edgeType: edges.indexOf('type'),
      edgeName: edges.indexOf('name_or_index'),
      to: edges.indexOf('to_node'),
    }
  }

  /** Calls `visit` for every node with its type, name, size, property names and edges. */
  forEach(
    visit: (
      node: number,
      type: string,
      name: string,
      size: number,
      properties: string[],
      edges: { type: string; name: string; to: number }[],
    ) => void,
  ) {
    const { nodes, edges, strings } = this.data
    const nodeTypes = this.data.snapshot.meta.node_types[0]
    const edgeTypes = this.data.snapshot.meta.edge_types[0]
    let edge = 0
    for (let node = 0; node < nodes.length; node += this.nodeStride) {
      const count = nodes[node + this.at.edges] as number
      const properties: string[] = []
      const out: { type: string; name: string; to: number }[] = []
      for (let k = 0; k < count; k++, edge += this.edgeStride) {
        const type = edgeTypes[edges[edge + this.at.edgeType] as number] as string
        const raw = edges[edge + this.at.edgeName] as number
        // Elements and hidden edges carry an index, the others a string.
        const name = type === 'element' || type === 'hidden' ? '[]' : String(strings[raw] ?? raw)
        if (type === 'property' && name !== '__proto__') properties.push(name)
        out.push({ type, name, to: edges[edge + this.at.to] as number })
      }
      visit(
        node,
        nodeTypes[nodes[node + this.at.type] as number] as string,
        strings[nodes[node + this.at.name] as number] as string,
        nodes[node + this.at.size] as number,
        properties,
        out,
      )
    }
  }
}

type Totals = Map<string, { size: number; count: number }>

function shapes(heap: Heap): Totals {
  const totals: Totals = new Map()
  heap.forEach((_node, type, name, size, properties) => {
    const key = SHAPED.has(type)
      ? `${type} ${name.slice(0, 40)} {${properties.sort().slice(0, 14).join(',')}}`
      : type
    const entry = totals.get(key) ?? { size: 0, count: 0 }
    entry.size += size
    entry.count += 1
    totals.set(key, entry)
  })
  return totals
}

function holders(heap: Heap, wanted: string): Map<string, number> {
  const retainers = new Map<number, [number, string]>()
  const labels = new Map<number, string>()
  const matches: number[] = []
  heap.forEach((node, type, name, _size, properties, edges) => {
    labels.set(node, `${type}:${name.slice(0, 40)}`)
    for (const edge of edges) {
      if (edge.type !== 'weak' && !retainers.has(edge.to)) retainers.set(edge.to, [node, edge.name])
    }
    if (type === 'object' && properties.sort().join(',') === wanted) matches.push(node)
  })
  const chains = new Map<string, number>()
  for (const match of matches) {
    const chain: string[] = []
    let current = match
    for (let level = 0; level < 4; level++) {
      const retainer = retainers.get(current)
      if (!retainer) break
      chain.push(`${labels.get(retainer[0])}.${retainer[1]}`)
      current = retainer[0]
    }
    const key = chain.join(' <- ')
    chains.set(key, (chains.get(key) ?? 0) + 1)
  }
  return chains
}

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(name)
  if (at === -1) return undefined
  const [, value] = args.splice(at, 2)
  return value
}
const per = Number(option('--per') ?? 1)
const top = Number(option('--top') ?? 60)
const who = option('--who')
const [first, second] = args
if (!first)
  throw new Error('usage: heapShapes.ts a.heapsnapshot [b.heapsnapshot] [--per N] [--who a,b]')

if (who !== undefined) {
  const chains = [...holders(new Heap(first), who)].sort((p, q) => q[1] - p[1])
  for (const [chain, count] of chains.slice(0, 10)) console.log(`${count}  ${chain}`)
} else {
  const a = shapes(new Heap(first))
  const b: Totals = second ? shapes(new Heap(second)) : new Map()
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => {
    const x = a.get(key) ?? { size: 0, count: 0 }
    const y = b.get(key) ?? { size: 0, count: 0 }
    return { key, size: x.size - y.size, count: x.count - y.count }
  })
  rows.sort((p, q) => Math.abs(q.size) - Math.abs(p.size))
  console.log('  B/unit   n/unit  kind {property names}')
  for (const row of rows.slice(0, top)) {
    console.log(
      `${(row.size / per).toFixed(1).padStart(8)} ${(row.count / per).toFixed(2).padStart(8)}  ${row.key.slice(0, 200)}`,
    )
  }
}

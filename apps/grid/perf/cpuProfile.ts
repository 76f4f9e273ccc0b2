/**
 * Self time of a Chrome CPU profile (CDP Profiler) by bundle chunk — the Yjs chunk, the React
 * chunk, the app's own — and by function, to say where an open or a scroll spends its time.
 */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples: number[]
  timeDeltas: number[]
}

export type ProfileSummary = {
  totalMs: number
  byChunk: Record<string, number>
  topFunctions: { name: string; ms: number }[]
}

function chunkOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  const file = url.split('/').at(-1) ?? url
  return file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js')
}

export function summarise(profile: CpuProfile, top = 15): ProfileSummary {
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const byChunk: Record<string, number> = {}
  const byFunction = new Map<string, number>()
  let totalMs = 0
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0
    if (ms === 0) continue
    totalMs += ms
    const { functionName, url, lineNumber } = node.callFrame
    const chunk = chunkOf(url, functionName)
    byChunk[chunk] = (byChunk[chunk] ?? 0) + ms
    const name = `${functionName || '(anonymous)'} ${chunk}:${lineNumber + 1}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
  }
  const round = (ms: number) => Math.round(ms)
  return {
    totalMs: round(totalMs),
    byChunk: Object.fromEntries(
      Object.entries(byChunk)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, round(v)]),
    ),
    topFunctions: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: round(ms) })),
  }
}

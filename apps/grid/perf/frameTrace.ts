/**
 * The renderer main thread's CPU time during a scroll, from a Chromium trace, by kind of work:
 * script (event handlers, React), style recalculation, layout, pre-paint, paint and the rest.
 * Thread time (`tdur`) is CPU time the thread got, so it moves far less with the machine's load
 * than the frame times do: it is the figure to compare two builds by on a busy machine.
 */
import type { Browser, Page } from 'playwright'

type TraceEvent = {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: {
    name?: string
    elementCount?: number
    beginData?: { dirtyObjects?: number; totalObjects?: number }
  }
}

export type MainThreadCpu = {
  /** main-thread CPU ms per scrolled frame, in all and by kind */
  perFrameMs: number
  byKindPerFrameMs: Record<string, number>
  /** the trace events with the most self time, per frame */
  topEventsPerFrameMs: Record<string, number>
  /**
   * Work done, counted (independent of the load): elements whose style was recalculated and
   * layout objects laid out, per frame.
   */
  styledElementsPerFrame: number
  laidOutObjectsPerFrame: number
}

const KIND: Record<string, string> = {
  FunctionCall: 'script',
  EventDispatch: 'script',
  FireAnimationFrame: 'script',
  TimerFire: 'script',
  EvaluateScript: 'script',
  'v8.execute': 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style',
  ScheduleStyleRecalculation: 'style',
  Layout: 'layout',
  PrePaint: 'prePaint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'layerize',
  UpdateLayer: 'layerize',
  Commit: 'commit',
  HitTest: 'hitTest',
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'toplevel',
].join(',')

/** Runs `scroll` with tracing on and says where the main thread's CPU went, per frame. */
export async function traceMainThread<T extends { frames: number }>(
  browser: Browser,
  page: Page,
  scroll: () => Promise<T>,
): Promise<{ result: T; cpu: MainThreadCpu }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES.split(',') })
  const result = await scroll()
  const buffer = await browser.stopTracing()
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }
  return { result, cpu: summariseMainThread(traceEvents, result.frames) }
}

/**
 * Self thread time of the complete ('X') events on the renderer's main thread, so nested events
 * (a FunctionCall inside an EventDispatch inside a RunTask) are counted once, by the innermost.
 */
export function summariseMainThread(events: TraceEvent[], frames: number): MainThreadCpu {
  const main = events.find((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain')
  if (!main) throw new Error('no renderer main thread in the trace')
  const slices = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const byKind: Record<string, number> = {}
  const byName: Record<string, number> = {}
  const stack: { end: number; kind: string; name: string }[] = []
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur ?? 0
  for (const e of slices) {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop()
    const kind = KIND[e.name] ?? stack.at(-1)?.kind ?? 'other'
    const parent = stack.at(-1)
    byKind[kind] = (byKind[kind] ?? 0) + cpu(e)
    byName[e.name] = (byName[e.name] ?? 0) + cpu(e)
    // The parent's share of this time was counted with it: take it back (self time).
    if (parent) {
      byKind[parent.kind] = (byKind[parent.kind] ?? 0) - cpu(e)
      byName[parent.name] = (byName[parent.name] ?? 0) - cpu(e)
    }
    stack.push({ end: e.ts + (e.dur ?? 0), kind, name: e.name })
  }
  let styled = 0
  let laidOut = 0
  for (const e of slices) {
    if (e.name === 'UpdateLayoutTree') styled += e.args?.elementCount ?? 0
    if (e.name === 'Layout') laidOut += e.args?.beginData?.dirtyObjects ?? 0
  }
  const count = (n: number) => Math.round(n / Math.max(1, frames))
  const per = (us: number) => Math.round(us / 100 / Math.max(1, frames)) / 10
  const total = Object.values(byKind).reduce((a, b) => a + b, 0)
  const largest = (record: Record<string, number>, top: number) =>
    Object.fromEntries(
      Object.entries(record)
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, us]) => [k, per(us)]),
    )
  return {
    perFrameMs: per(total),
    byKindPerFrameMs: largest(byKind, 20),
    topEventsPerFrameMs: largest(byName, 12),
    styledElementsPerFrame: count(styled),
    laidOutObjectsPerFrame: count(laidOut),
  }
}

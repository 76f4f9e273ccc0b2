/** Percentiles, the printed table and the JSON file every scenario ends with. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '@weft/testkit'

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

export function summarize(samples: number[]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  }
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export function ratio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return 'n/a'
  return `${round(ours / theirs, 2)}x`
}

export function printTable(title: string, rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const cell = (value: unknown) =>
    value === undefined ? '' : typeof value === 'number' ? String(round(value)) : String(value)
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row[column]).length)),
  )
  const line = (values: string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] as number)).join(' | ')} |`
  process.stdout.write(`\n${title}\n`)
  process.stdout.write(`${line(columns)}\n`)
  process.stdout.write(`${line(widths.map((width) => '-'.repeat(width)))}\n`)
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row[c])))}\n`)
}

export function writeResult(scenario: string, result: unknown): string {
  const dir = join(REPO_ROOT, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${scenario}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version }
  writeFileSync(
    file,
    `${JSON.stringify({ scenario, machine, argv: process.argv.slice(2), ...(result as object) }, null, 2)}\n`,
  )
  process.stdout.write(`\nwrote ${file}\n`)
  return file
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 23)}] ${message}\n`)
}

/**
 * One row per metric: the mean of every fleet over the runs, and each of ours (labels starting
 * with "weft") divided by each reference's, measured in the same run.
 */
export function compareFleets<T extends { fleet: string }>(
  rows: T[],
  metrics: { name: string; filter?: (row: T) => boolean; pick: (row: T) => number }[],
): Record<string, unknown>[] {
  const labels = [...new Set(rows.map((row) => row.fleet))]
  const ours = labels.filter((label) => label.startsWith('weft'))
  const references = labels.filter((label) => !label.startsWith('weft'))
  return metrics.map(({ name, filter, pick }) => {
    const mean = (label: string) => {
      const picked = rows.filter((row) => row.fleet === label && (!filter || filter(row)))
      return picked.reduce((sum, row) => sum + pick(row), 0) / picked.length
    }
    const out: Record<string, unknown> = { metric: name }
    for (const label of labels) out[label] = round(mean(label))
    for (const label of ours)
      for (const reference of references)
        out[`${label} / ${reference}`] = ratio(mean(label), mean(reference))
    return out
  })
}

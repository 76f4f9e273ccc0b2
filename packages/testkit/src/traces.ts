/** Editing traces from ../shared/data/traces (real keystroke histories). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { REPO_ROOT } from './repoRoot.ts'

export interface Trace {
  startContent: string
  endContent: string
  /** Each transaction: patches of [position, deleteCount, insertText]. */
  txns: { patches: [number, number, string][] }[]
}

export const TRACES_DIR =
  process.env.TRACES_DIR ?? join(REPO_ROOT, '..', 'shared', 'data', 'traces')

export function loadTrace(name: string): Trace {
  return JSON.parse(
    gunzipSync(readFileSync(join(TRACES_DIR, `${name}.json.gz`))).toString('utf8'),
  ) as Trace
}

// `npm run lint` must fail on an import cycle, type-only imports included (biome.json,
// noImportCycles with ignoreTypes: false). Runs Biome with the repository's rules on a throwaway
// project, so the check is tested without planting a cycle in the repository.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const biome = join(root, 'node_modules', '.bin', 'biome')
const dirs: string[] = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A project with the repository's Biome rules and the given files; Biome's verdict on it. */
function lint(files: Record<string, string>): { code: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cycles-'))
  dirs.push(dir)
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<
    string,
    unknown
  >
  delete config.$schema
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const result = spawnSync(biome, ['lint', '.'], { cwd: dir, encoding: 'utf8' })
  return { code: result.status, out: result.stdout + result.stderr }
}

test('a cycle fails the lint, also when one side imports only a type', () => {
  const result = lint({
    'a.ts': "import { b } from './b.ts'\nexport const a = () => b\n",
    'b.ts': "import type { a } from './a.ts'\nexport const b = (x?: typeof a) => x\n",
  })
  assert.notEqual(result.code, 0, result.out)
  assert.match(result.out, /a\.ts.*noImportCycles/)
  assert.match(result.out, /b\.ts.*noImportCycles/)
})

test('the same modules without the cycle pass', () => {
  const result = lint({
    'a.ts': "import { b } from './b.ts'\nexport const a = () => b\n",
    'b.ts': 'export const b = (x?: number) => x\n',
  })
  assert.equal(result.code, 0, result.out)
})

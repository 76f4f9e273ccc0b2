// Runs the check against real throwaway repositories: a full history, a merge, and a shallow clone
// that lacks the base commit (as CI's default checkout does).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('./checkCommits.ts', import.meta.url))
const dirs: string[] = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const BASE_TIME = 1_700_000_000
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}

function git(cwd: string, args: string[], time = BASE_TIME): string {
  const stamp = `@${time} +0000`
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...env, GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp },
  })
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

let file = 0
function commit(cwd: string, message: string, time: number): string {
  file += 1
  writeFileSync(join(cwd, `f${file}.txt`), String(file))
  git(cwd, ['add', '.'], time)
  git(cwd, ['commit', '-q', '-m', message], time)
  return git(cwd, ['rev-parse', 'HEAD'])
}

/** A repository with an old badly-written commit, then the base commit. */
function repository(): { dir: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), 'weft-commits-'))
  dirs.push(dir)
  git(dir, ['init', '-q', '-b', 'main'])
  commit(dir, `old: ${'x'.repeat(100)}`, BASE_TIME - 100)
  const base = commit(dir, 'base', BASE_TIME)
  return { dir, base }
}

function check(cwd: string, base: string): { code: number | null; out: string } {
  const result = spawnSync(
    process.execPath,
    [script, '--base', base, '--base-time', String(BASE_TIME)],
    { cwd, encoding: 'utf8', env },
  )
  return { code: result.status, out: result.stdout + result.stderr }
}

test('commits after the base pass with short subjects and bodies; older ones are not checked', () => {
  const { dir, base } = repository()
  commit(dir, 'grid: split the view\n\nOne concern per file.', BASE_TIME + 10)
  const result = check(dir, base)
  assert.equal(result.code, 0, result.out)
  assert.match(result.out, /1 checked, all pass/)
})

test('a long subject or a missing body after the base fails and names the commit', () => {
  const { dir, base } = repository()
  commit(dir, `${'y'.repeat(73)}\n\nWhy.`, BASE_TIME + 10)
  const bare = commit(dir, 'no body here', BASE_TIME + 20)
  const result = check(dir, base)
  assert.equal(result.code, 1, result.out)
  assert.match(result.out, /subject is 73 characters \(at most 72\)/)
  assert.match(result.out, new RegExp(`${bare.slice(0, 7)} no body here`))
  assert.match(result.out, /2 of 2 fail/)
})

test('a merge needs only a short subject', () => {
  const { dir, base } = repository()
  git(dir, ['checkout', '-q', '-b', 'side'])
  commit(dir, 'side: one change\n\nBecause.', BASE_TIME + 10)
  git(dir, ['checkout', '-q', 'main'])
  commit(dir, 'main: another change\n\nBecause.', BASE_TIME + 20)
  git(dir, ['merge', '-q', '--no-ff', '-m', "Merge branch 'side'", 'side'], BASE_TIME + 30)
  const passing = check(dir, base)
  assert.equal(passing.code, 0, passing.out)
  assert.match(passing.out, /3 checked, all pass/)

  git(dir, ['checkout', '-q', '-b', 'other', 'HEAD~1'])
  commit(dir, 'other: a third change\n\nBecause.', BASE_TIME + 40)
  git(dir, ['checkout', '-q', 'main'])
  git(dir, ['merge', '-q', '--no-ff', '-m', `Merge ${'z'.repeat(100)}`, 'other'], BASE_TIME + 50)
  const failing = check(dir, base)
  assert.equal(failing.code, 1, failing.out)
  assert.match(failing.out, /subject is 106 characters \(at most 72\)/)
  assert.match(failing.out, /1 of 5 fail/)
})

test('a shallow clone without the base says so and still checks the commits it has', () => {
  const { dir, base } = repository()
  commit(dir, 'good\n\nBody.', BASE_TIME + 10)
  const goodClone = mkdtempSync(join(tmpdir(), 'weft-commits-shallow-'))
  dirs.push(goodClone)
  git(goodClone, ['clone', '-q', '--depth', '1', `file://${dir}`, '.'])
  const passing = check(goodClone, base)
  assert.equal(passing.code, 0, passing.out)
  assert.match(passing.out, /shallow clone without .*1 checked|1 checked.*shallow clone without/)

  commit(dir, 'bad, no body', BASE_TIME + 20)
  const badClone = mkdtempSync(join(tmpdir(), 'weft-commits-shallow-'))
  dirs.push(badClone)
  git(badClone, ['clone', '-q', '--depth', '1', `file://${dir}`, '.'])
  const failing = check(badClone, base)
  assert.equal(failing.code, 1, failing.out)
  assert.match(failing.out, /no body saying why/)
})

test('outside a git checkout the check passes with a note', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-commits-none-'))
  dirs.push(dir)
  const result = check(dir, 'b59200a15f3787e0bd5f7acbc2cd1ea437885318')
  assert.equal(result.code, 0, result.out)
  assert.match(result.out, /not a git checkout/)
})

// `npm run lint` step: every commit after BASE (the last commit made before the rules in
// commitRules.ts were adopted) must have a short subject and a body. A merge commit needs only the
// short subject: its body is the tool's, but its subject is what `git log --oneline` shows. Works in any clone: a full one checks BASE..HEAD exactly; a shallow
// one (CI's default depth) lacks BASE, so it checks the commits it has whose committer time is
// later than BASE's, and says so, instead of failing on history it cannot see.
//
//   node scripts/lint/checkCommits.ts [--base <commit>] [--base-time <unix seconds>]
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { commitMessageProblems, subjectProblems } from './commitRules.ts'

// b59200a: the last commit of the session before the rules. Its committer time is kept beside it
// because a shallow clone cannot look it up; every commit older than it has a time no later.
const BASE = 'b59200a15f3787e0bd5f7acbc2cd1ea437885318'
const BASE_TIME = 1795333975

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: BASE },
    'base-time': { type: 'string', default: String(BASE_TIME) },
  },
})
const base = values.base
const baseTime = Number(values['base-time'])
const short = base.slice(0, 7)

function git(args: string[]): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { ok: result.status === 0, out: result.stdout ?? '' }
}

function done(message: string, code: number): never {
  console.log(`commit messages: ${message}`)
  process.exit(code)
}

if (!git(['rev-parse', '--verify', '--quiet', 'HEAD']).ok) {
  done('not a git checkout with commits (nothing to check)', 0)
}

const shallow = git(['rev-parse', '--is-shallow-repository']).out.trim() === 'true'
const hasBase = git(['cat-file', '-e', `${base}^{commit}`]).ok
const exact = hasBase && git(['merge-base', '--is-ancestor', base, 'HEAD']).ok
let scope = `the commits after ${short}`
if (!exact) {
  scope = shallow
    ? `shallow clone without ${short}: only the commits present dated after it (git fetch --unshallow checks all)`
    : `${short} is not an ancestor of HEAD: the commits dated after it`
}

const log = git([
  'log',
  '--format=%h%x00%ct%x00%p%x00%s%x00%b%x1e',
  exact ? `${base}..HEAD` : 'HEAD',
])
if (!log.ok) done(`git log failed in ${process.cwd()}`, 1)

let checked = 0
let failed = 0
const failures: string[] = []
for (const record of log.out.split('\x1e')) {
  const [hash, time, parents, subject, body] = record.replace(/^\n/, '').split('\x00')
  if (hash === undefined || time === undefined || subject === undefined) continue
  if (!exact && Number(time) <= baseTime) continue
  checked += 1
  const merge = (parents ?? '').trim().split(' ').length > 1
  const problems = merge ? subjectProblems(subject) : commitMessageProblems(subject, body ?? '')
  if (problems.length > 0) {
    failed += 1
    failures.push(`  ${hash} ${subject.slice(0, 60)}${subject.length > 60 ? '…' : ''}`)
    for (const problem of problems) failures.push(`      ${problem}`)
  }
}

if (failures.length > 0) {
  console.log(failures.join('\n'))
  done(`${failed} of ${checked} fail the rules in commitRules.ts (${scope})`, 1)
}
done(`${checked} checked, all pass (${scope})`, 0)

// The image fills NODE_COMPILE_CACHE when it is built (`main.ts --warm-compile-cache`) so that its
// node never loads Node's TypeScript stripper (decision 0211): every module the node imports,
// the compaction thread's too, must be found there, and a node started from it must serve.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import {
  migrate,
  type PostgresInstance,
  REPO_ROOT,
  type ServerNode,
  startNode,
  startPostgres,
} from '@weft/testkit'

let cache: string
let postgres: PostgresInstance
let node: ServerNode | undefined

const warm = (extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join('apps', 'server', 'src', 'main.ts'), '--warm-compile-cache'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_COMPILE_CACHE: cache, ...extraEnv },
    encoding: 'utf8',
  })

before(async () => {
  cache = await mkdtemp(join(tmpdir(), 'weft-compile-cache-'))
  postgres = await startPostgres()
})

after(async () => {
  await node?.kill()
  await postgres?.destroy()
  await rm(cache, { recursive: true, force: true })
})

test('the warm run exits, and a second one finds every module transpiled in the cache', () => {
  const first = warm()
  assert.equal(first.status, 0, first.stderr)
  // Node's own trace of the cache: a module it had to strip says "no transpile cache".
  const second = warm({ NODE_DEBUG_NATIVE: 'COMPILE_CACHE' })
  assert.equal(second.status, 0, second.stderr)
  assert.match(
    second.stderr,
    /retrieving transpile cache for StrippedTypeScript \S+\/main\.ts\.\.\.success/,
  )
  assert.match(
    second.stderr,
    /retrieving transpile cache for StrippedTypeScript \S+\/foldThread\.ts\.\.\.success/,
  )
  const stripped = second.stderr.split('\n').filter((line) => line.includes('no transpile cache'))
  assert.deepEqual(stripped, [])
})

test('a node started from the cache answers its first API request', async () => {
  const url = await postgres.createDatabase('compile_cache')
  migrate(url)
  node = await startNode({
    nodeId: 'compile-cache',
    env: { DATABASE_URL: url, REDIS_URL: '', NODE_COMPILE_CACHE: cache },
  })
  const created = await fetch(`${node.url}/api/documents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'grid', title: 'From the cache' }),
  })
  assert.equal(created.status, 201)
  const listed = await (await fetch(`${node.url}/api/documents`)).json()
  assert.ok(JSON.stringify(listed).includes('From the cache'))
})

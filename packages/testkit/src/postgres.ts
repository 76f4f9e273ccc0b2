/**
 * A real Postgres server in a temp dir on a free loopback port. `initdb` runs once per machine
 * into a cached template that each instance copies, so starting one costs about a second.
 * Postgres refuses to run as root, so under root the files and the server belong to `postgres`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chown, cp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from './freePort.ts'
import { ManagedProcess } from './ManagedProcess.ts'
import { type Restartable, restartable } from './restartable.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

const BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
]

function postgresBin(name: string): string {
  const dir =
    process.env.POSTGRES_BIN_DIR ?? BIN_DIRS.find((candidate) => existsSync(join(candidate, name)))
  if (!dir)
    throw new Error(
      `no Postgres server binaries found (looked in ${BIN_DIRS.join(', ')}); install postgresql`,
    )
  return join(dir, name)
}

function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {}
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  return { uid, gid }
}

async function chownTree(path: string, owner: { uid?: number; gid?: number }): Promise<void> {
  if (owner.uid === undefined || owner.gid === undefined) return
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, path])
}

async function templateDir(owner: { uid?: number; gid?: number }): Promise<string> {
  const dir = join(tmpdir(), `weft-pg-template-${process.getuid?.() ?? 'u'}`)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  const building = `${dir}.${process.pid}`
  await mkdir(building, { recursive: true })
  await chownTree(building, owner)
  execFileSync(
    postgresBin('initdb'),
    ['-D', building, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'],
    {
      stdio: 'ignore',
      ...owner,
    },
  )
  await rm(dir, { recursive: true, force: true })
  await cp(building, dir, { recursive: true })
  await rm(building, { recursive: true, force: true })
  await chownTree(dir, owner)
  return dir
}

export interface PostgresInstance extends Restartable {
  port: number
  /** URL of the `weft` database on this server. */
  url: string
  /** A new empty database on the same server (one per test file keeps tests apart). */
  createDatabase(name: string): Promise<string>
}

export async function startPostgres(): Promise<PostgresInstance> {
  const owner = runAs()
  const port = await freePort()
  const dir = await makeTempDir('pg')
  const dataDir = join(dir.path, 'data')
  await cp(await templateDir(owner), dataDir, { recursive: true })
  await chownTree(dir.path, owner)
  await chown(
    dir.path,
    owner.uid ?? process.getuid?.() ?? 0,
    owner.gid ?? process.getgid?.() ?? 0,
  ).catch(() => {})
  const base = `postgresql://postgres@127.0.0.1:${port}`
  const launch = async () => {
    const child = new ManagedProcess(
      `postgres:${port}`,
      postgresBin('postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dir.path,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      owner,
    )
    await waitFor(
      `postgres on ${port}`,
      async () => {
        if (!child.running) throw new Error('postgres exited')
        const client = new pg.Client({ connectionString: `${base}/postgres` })
        try {
          await client.connect()
          await client.query('SELECT 1')
          return true
        } finally {
          await client.end().catch(() => {})
        }
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    ).catch((error) => {
      throw new Error(`${error.message}\n${child.logs()}`)
    })
    return child
  }
  // SIGTERM is Postgres's "smart" shutdown: it keeps serving open sessions (every node's pool),
  // so an outage was not one until the harness's SIGKILL 15 s later — which, with
  // synchronous_commit off, also dropped commits already acknowledged. SIGINT ("fast", what
  // `pg_ctl stop` sends) ends the sessions at once and checkpoints: a real, lossless outage.
  const instance: PostgresInstance = Object.assign(await restartable(launch, dir, 'SIGINT'), {
    port,
    url: `${base}/weft`,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: `${base}/postgres` })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      } finally {
        await client.end()
      }
      return `${base}/${name}`
    },
  })
  await instance.createDatabase('weft')
  return instance
}

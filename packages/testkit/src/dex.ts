/**
 * A real OpenID Connect provider for the sign-in tests: Dex, built once from the Go module proxy
 * by scripts/oidc/build-dex.sh (cached outside the checkout, keyed by version), started on a free
 * 127.0.0.1 port with a temporary directory, in-memory storage, one static client and one static
 * password user, and stopped by its PID. Ready once its discovery document answers.
 */
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './freePort.ts'
import { ManagedProcess } from './ManagedProcess.ts'
import { REPO_ROOT } from './repoRoot.ts'
import { makeTempDir } from './tempDir.ts'
import { waitFor } from './waitFor.ts'

export interface DexUser {
  email: string
  /** The password the test types; Dex stores only its bcrypt hash. */
  password: 'password'
  name: string
  userId: string
}

export interface DexOptions {
  clientId: string
  clientSecret: string
  redirectUrls: string[]
  user: DexUser
}

export interface Dex {
  /** The issuer URL (OIDC_ISSUER_URL). */
  issuer: string
  process: ManagedProcess
  stop(): Promise<void>
}

/** bcrypt of "password" (cost 10), the hash Dex's own examples use for that password. */
const PASSWORD_HASH = '$2a$10$2b2cU8CPhOTaGrs1HRQuAueS7JTT5ZHsHSzYiFPm1leZck7Mc8T4W'

/** The cached binary's path, building it first when the cache is empty (minutes, once). */
export async function dexBinary(): Promise<string> {
  if (process.env.WEFT_DEX_BIN) return process.env.WEFT_DEX_BIN
  const { stdout } = await promisify(execFile)(join(REPO_ROOT, 'scripts/oidc/build-dex.sh'), [], {
    maxBuffer: 64 * 1024 * 1024,
  })
  const path = stdout.trim().split('\n').pop()
  if (!path) throw new Error('build-dex.sh printed no binary path')
  return path
}

export async function startDex(options: DexOptions): Promise<Dex> {
  const binary = await dexBinary()
  const dir = await makeTempDir('dex')
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}/dex`
  // JSON is YAML: no quoting surprises for the hash or the URLs.
  const config = {
    issuer,
    storage: { type: 'memory' },
    web: { http: `127.0.0.1:${port}` },
    logger: { level: 'info' },
    oauth2: { skipApprovalScreen: true },
    staticClients: [
      {
        id: options.clientId,
        secret: options.clientSecret,
        name: 'Weft',
        redirectURIs: options.redirectUrls,
      },
    ],
    enablePasswordDB: true,
    staticPasswords: [
      {
        email: options.user.email,
        hash: PASSWORD_HASH,
        username: options.user.email.split('@')[0],
        name: options.user.name,
        userID: options.user.userId,
      },
    ],
  }
  const file = join(dir.path, 'dex.yaml')
  await writeFile(file, JSON.stringify(config, null, 2))
  const child = new ManagedProcess('dex', binary, ['serve', file], { cwd: dir.path })
  const stop = async () => {
    await child.stop()
    await dir.remove()
  }
  try {
    await waitFor(
      'Dex discovery',
      async () => {
        if (!child.running) throw new Error(`dex exited:\n${child.logs()}`)
        const response = await fetch(`${issuer}/.well-known/openid-configuration`)
        return response.ok
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    )
  } catch (error) {
    await stop()
    throw error
  }
  return { issuer, process: child, stop }
}

// Records platform-specific optional packages that this workplace's npm registry does not serve
// (e.g. @biomejs/cli-darwin-arm64, @turbo/windows-64) in package-lock.json.
//
// `npm install` silently skips an optional dependency it cannot fetch and leaves it out of the
// lockfile; `npm ci` then refuses the lockfile as out of sync ("Missing: … from lock file").
// An entry naming the package's version, os and cpu lets `npm ci` skip it as incompatible with
// this platform, exactly as it would with a complete lockfile. Runs after every install
// (postinstall) and changes nothing when the lockfile is already complete.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const lockPath = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'package-lock.json')

interface LockEntry {
  version?: string
  dev?: boolean
  optional?: boolean
  optionalDependencies?: Record<string, string>
  os?: string[]
  cpu?: string[]
  libc?: string[]
}

const OS_WORDS: Record<string, string> = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  windows: 'win32',
  android: 'android',
  freebsd: 'freebsd',
}
const CPU_WORDS: Record<string, string> = {
  arm64: 'arm64',
  x64: 'x64',
  '64': 'x64',
  ia32: 'ia32',
  arm: 'arm',
}

/** os/cpu/libc from a platform package name such as cli-linux-arm64-musl or darwin-64. */
function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
  const words = (name.split('/').pop() ?? '').split('-')
  const os = words.map((word) => OS_WORDS[word]).find(Boolean)
  const cpu = words.map((word) => CPU_WORDS[word]).find(Boolean)
  if (!os || !cpu) return null
  return { os: [os], cpu: [cpu], ...(words.includes('musl') ? { libc: ['musl'] } : {}) }
}

if (existsSync(lockPath)) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> }
  let added = 0
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const base = path === '' ? '' : `${path}/`
      const candidates = [`${base}node_modules/${dependency}`, `node_modules/${dependency}`]
      if (candidates.some((candidate) => lock.packages[candidate])) continue
      const platform = platformOf(dependency)
      if (!platform) continue
      lock.packages[`node_modules/${dependency}`] = {
        version,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platform,
      }
      added += 1
    }
  }
  if (added > 0) {
    const sorted = Object.fromEntries(
      Object.entries(lock.packages).sort(([a], [b]) =>
        a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
      ),
    )
    writeFileSync(lockPath, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`)
    console.log(`lockfile: recorded ${added} platform package(s) the registry does not serve`)
  }
}

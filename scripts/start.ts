// `npm start`: the platform on one machine with nothing else installed — one node on the
// embedded database under DATA_DIR (default ./data), serving the web apps (built first if needed).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
const apps = ['grid', 'code', 'canvas'].filter((app) =>
  existsSync(join(root, 'apps', app, 'package.json')),
)
// The server's build is the Code preview's packages (apps/server/scripts/buildPreviewPackages.ts).
const previewPackages = join(root, 'apps', 'server', 'dist', 'preview-packages', 'manifest.json')
if (
  apps.some((app) => !existsSync(join(root, 'apps', app, 'dist', 'index.html'))) ||
  !existsSync(previewPackages)
) {
  console.log('npm start: building the web apps and the preview packages once (turbo run build)…')
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
      'run',
      'build',
      '--output-logs=errors-only',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (build.status !== 0) process.exit(build.status ?? 1)
}
process.env.LOG_LEVEL ??= 'info'
await import('../apps/server/src/main.ts')

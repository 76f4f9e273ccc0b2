// Generates the Prisma client into packages/db/generated.
//
// `prisma generate` runs on WASM, yet the CLI insists on resolving a schema-engine binary and
// tries to download one when it is missing. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies that check without a download (generate never executes it), so this works on
// machines without access to Prisma's binary host as well as on ordinary ones. Afterwards the
// client reads its query compiler from a .wasm file instead of a base64 module
// (prisma-compiler-file.ts, decision 0211).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadCompilerFromFile } from './prisma-compiler-file.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js')

if (!existsSync(prismaCli)) {
  // `npm ci --omit=dev` (production images) has no CLI; the image build generates beforehand.
  console.log('prisma-generate: prisma CLI not installed, skipping')
  process.exit(0)
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
}
const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: root,
  env,
  stdio: 'inherit',
})
if (result.status === 0) {
  const db = join(root, 'packages', 'db')
  loadCompilerFromFile(join(db, 'generated', 'prisma'), join(db, 'package.json'))
}
process.exit(result.status ?? 1)

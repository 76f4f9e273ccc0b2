// What a browser downloads on an app's first load, as the node sends it: the files its built
// index.html loads (entry script, modulepreloads, stylesheets), raw and compressed the way the
// server compresses app files (brotli 11, gzip 9; apps/server/src/http/compression.ts). Chunks
// loaded later (language packs, dynamic imports) are listed apart.
// Usage: npm run build -w apps/<app> && node tooling/bundleSizes.ts grid code canvas
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

function sizes(path: string) {
  const body = readFileSync(path)
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

for (const app of process.argv.slice(2)) {
  const dist = join(import.meta.dirname, '..', 'apps', app, 'dist')
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const first = new Set(
    [...html.matchAll(/(?:src|href)="\/[a-z]+\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  )
  const total = { raw: 0, gzip: 0, br: 0 }
  const later = { raw: 0, gzip: 0, br: 0 }
  for (const file of readdirSync(join(dist, 'assets'))) {
    const s = sizes(join(dist, 'assets', file))
    const into = first.has(`assets/${file}`) ? total : later
    into.raw += s.raw
    into.gzip += s.gzip
    into.br += s.br
  }
  console.log(
    `${app}: first load ${kb(total.raw)} raw, ${kb(total.gzip)} gzip, ${kb(total.br)} brotli ` +
      `(${first.size} files); loaded later ${kb(later.raw)} raw, ${kb(later.br)} brotli`,
  )
}

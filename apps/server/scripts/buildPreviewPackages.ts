// `npm run build` for the server: the library files the Code preview imports, as ES modules
// bundled by esbuild from this repository's installed copies (src/previewPackages/), plus
// esbuild's own WebAssembly binary for the browser bundler, each content-hashed and with brotli
// and gzip variants, and the manifest the route serves them by. Decision 0140 says why prebuilt
// bundles rather than the packages' raw files.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { PreviewManifest } from '../src/previewPackages/manifest.ts'
import { entryStem, PREVIEW_PACKAGES } from '../src/previewPackages/specifiers.ts'

const here = dirname(fileURLToPath(import.meta.url))
// The node serves dist/preview-packages (route.ts); a test may build elsewhere (first argument).
const outDir = process.argv[2] ?? join(here, '..', 'dist', 'preview-packages')
// The packages are the Code app's own dependencies (apps/code/package.json), resolved from there:
// the server never imports them at run time, so they stay out of its dependency list and out of
// the production image (`npm ci --omit=dev -w apps/server`), which ships only these bundles.
const codeApp = join(here, '..', '..', 'code')
const require = createRequire(join(codeApp, 'package.json'))
const esbuild = (await import(
  pathToFileURL(require.resolve('esbuild-wasm')).href
)) as typeof import('esbuild-wasm')

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** The wrapper module of one entry: ESM re-exported, CommonJS with every export named. */
function wrapper(specifier: string, format: 'cjs' | 'esm'): string {
  const quoted = JSON.stringify(specifier)
  if (format === 'esm') return `export * from ${quoted}`
  const names = Object.keys(require(specifier) as object).filter(
    (n) => n !== 'default' && IDENTIFIER.test(n),
  )
  return `import m from ${quoted}\nexport default m\nexport const { ${names.join(', ')} } = m\n`
}

function versionOf(name: string): string {
  return (
    JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
      version: string
    }
  ).version
}

/**
 * Files above this are stored compressed only: the route decompresses the gzip variant, as it
 * streams, for the rare client that accepts neither encoding. esbuild's 14 MB WebAssembly file
 * alone took the image over its 300 MB budget (docs/deploy-kubernetes.md).
 */
const COMPRESSED_ONLY_ABOVE = 1024 * 1024

function writeWithVariants(name: string, body: Uint8Array): void {
  const bytes = Buffer.from(body)
  if (bytes.length <= COMPRESSED_ONLY_ABOVE) writeFileSync(join(outDir, name), bytes)
  writeFileSync(join(outDir, `${name}.gz`), gzipSync(bytes, { level: 9 }))
  // Quality 11 costs minutes on the 14 MB WebAssembly file for 3% less than quality 9.
  const quality = name.endsWith('.wasm') ? 9 : 11
  writeFileSync(
    join(outDir, `${name}.br`),
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  )
}

const entries = Object.values(PREVIEW_PACKAGES).flat()
const entryPoints = Object.fromEntries(entries.map((e) => [entryStem(e.specifier), e.specifier]))
const started = performance.now()
const result = await esbuild.build({
  entryPoints,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['browser', 'production'],
  target: 'es2022',
  minify: true,
  metafile: true,
  write: false,
  outdir: outDir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  absWorkingDir: codeApp,
  plugins: [
    {
      name: 'entry-wrappers',
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) =>
          args.kind === 'entry-point' ? { path: args.path, namespace: 'entry' } : undefined,
        )
        build.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => {
          const entry = entries.find((e) => e.specifier === args.path)
          if (!entry) return { errors: [{ text: `not a preview package entry: ${args.path}` }] }
          return { contents: wrapper(entry.specifier, entry.format), resolveDir: codeApp }
        })
      },
    },
  ],
})

rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
const imports: Record<string, string> = {}
const files: string[] = []
for (const [path, output] of Object.entries(result.metafile.outputs)) {
  const name = basename(path)
  const entry = output.entryPoint?.replace(/^entry:/, '')
  if (entry) imports[entry] = name
}
for (const file of result.outputFiles) {
  const name = basename(file.path)
  writeWithVariants(name, file.contents)
  files.push(name)
}
const wasm = readFileSync(require.resolve('esbuild-wasm/esbuild.wasm'))
const wasmName = `esbuild-${createHash('sha256').update(wasm).digest('hex').slice(0, 12)}.wasm`
writeWithVariants(wasmName, wasm)
files.push(wasmName)

const manifest: PreviewManifest = {
  version: 1,
  imports,
  packages: Object.fromEntries(
    [...Object.keys(PREVIEW_PACKAGES), 'esbuild-wasm'].map((p) => [p, versionOf(p)]),
  ),
  esbuildWasm: wasmName,
  files: files.sort(),
}
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
await esbuild.stop()
const total = result.outputFiles.reduce((n, f) => n + f.contents.length, 0)
console.log(
  `preview packages: ${Object.keys(imports).length} entries, ${files.length} files, ` +
    `${(total / 1024).toFixed(1)} KB of JS, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)

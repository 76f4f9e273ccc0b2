// The in-browser bundler of the preview (a chunk loaded on first use): esbuild's WebAssembly
// build in a worker, fed the project's files from memory. Package imports stay imports, sent by
// the preview's import map to this node's /preview-packages/ (decision 0140).
import * as esbuild from 'esbuild-wasm/esm/browser.js'
import { unavailableMessage } from './packageName.ts'
import { type BuildProblem, CompileProblem } from './problem.ts'
import { isProjectImport, resolveProjectImport } from './projectImports.ts'

export type PreviewPackages = {
  imports: Record<string, string>
  packages: Record<string, string>
  esbuildWasm: string
}

export type BuildOutcome =
  | { ok: true; js: string; css: string; imports: Record<string, string> }
  | { ok: false; problems: BuildProblem[] }

let started: Promise<PreviewPackages> | null = null

/** The node's preview packages and a running esbuild, once per page. */
export function startBundler(): Promise<PreviewPackages> {
  started ??= (async () => {
    const response = await fetch('/preview-packages/manifest.json')
    if (!response.ok) throw new Error(`This server has no preview packages (${response.status}).`)
    const manifest = (await response.json()) as PreviewPackages
    const origin = window.location.origin
    const imports = Object.fromEntries(
      Object.entries(manifest.imports).map(([spec, path]) => [spec, new URL(path, origin).href]),
    )
    await esbuild.initialize({ wasmURL: new URL(manifest.esbuildWasm, origin).href, worker: true })
    return { ...manifest, imports }
  })()
  started.catch(() => {
    started = null
  })
  return started
}

const LOADERS: Record<string, esbuild.Loader> = {
  js: 'jsx',
  mjs: 'jsx',
  jsx: 'jsx',
  ts: 'ts',
  mts: 'ts',
  tsx: 'tsx',
  css: 'css',
  json: 'json',
}

function extensionOf(path: string): string {
  return /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
}

export type ProjectInput = {
  files: ReadonlyMap<string, string>
  /** index.html's module script, a project path. */
  entry: string
  /** For an import of a path that is not there: the trash item path that holds it, if any. */
  deletedAs: (importer: string, spec: string) => string | null
}

function stripNamespace(file: string): string {
  return file.replace(/^[a-z-]+:/, '')
}

/** Bundles the project from `entry`; build errors come back as problems, never thrown. */
export async function bundleProject(input: ProjectInput): Promise<BuildOutcome> {
  let packages: PreviewPackages
  try {
    packages = await startBundler()
  } catch (error) {
    return {
      ok: false,
      problems: [
        { file: null, line: null, column: null, text: String((error as Error).message ?? error) },
      ],
    }
  }
  const vueStyles = new Map<string, string>()
  const plugin: esbuild.Plugin = {
    name: 'weft-project',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: args.path, namespace: 'project' }
        if (args.namespace === 'vue-style' || args.path.startsWith('vue-style:'))
          return { path: args.path.slice('vue-style:'.length), namespace: 'vue-style' }
        if (args.kind === 'url-token') return { path: args.path, external: true }
        const importer = stripNamespace(args.importer)
        if (isProjectImport(args.path)) {
          const path = resolveProjectImport(importer, args.path, (p) => input.files.has(p))
          if (path) return { path, namespace: 'project' }
          const trash = input.deletedAs(importer, args.path)
          const text = trash
            ? `"${args.path}" was deleted (${trash} is in the trash): restore it, or remove this import.`
            : `"${args.path}" is not a file in this project.`
          return { errors: [{ text }] }
        }
        if (packages.imports[args.path]) return { path: args.path, external: true }
        return {
          errors: [{ text: unavailableMessage(args.path, packages.imports, packages.packages) }],
        }
      })
      build.onLoad({ filter: /.*/, namespace: 'vue-style' }, (args) => ({
        contents: vueStyles.get(args.path) ?? '',
        loader: 'css',
      }))
      build.onLoad({ filter: /.*/, namespace: 'project' }, async (args) => {
        const contents = input.files.get(args.path) ?? ''
        const ext = extensionOf(args.path)
        try {
          if (ext === 'vue') {
            const { compileVue } = await import('./compileVue.ts')
            const out = compileVue(args.path, contents)
            vueStyles.set(args.path, out.css)
            const style = out.css ? `\nimport ${JSON.stringify(`vue-style:${args.path}`)}` : ''
            return { contents: out.js + style, loader: out.lang }
          }
          if (ext === 'svelte') {
            const { compileSvelte } = await import('./compileSvelte.ts')
            return { contents: compileSvelte(args.path, contents), loader: 'js' }
          }
        } catch (error) {
          const p =
            error instanceof CompileProblem ? error : new CompileProblem(String(error), null, null)
          const location = { file: args.path, line: p.line ?? 1, column: p.column ?? 0 }
          return { errors: [{ text: p.message, location }] }
        }
        return { contents, loader: LOADERS[ext] ?? 'text' }
      })
    },
  }
  try {
    const result = await esbuild.build({
      entryPoints: [input.entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: '/out',
      jsx: 'automatic',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [plugin],
    })
    const decode = (ext: string) =>
      result.outputFiles
        .filter((f) => f.path.endsWith(ext))
        .map((f) => f.text)
        .join('\n')
    return { ok: true, js: decode('.js'), css: decode('.css'), imports: packages.imports }
  } catch (error) {
    const failure = error as esbuild.BuildFailure
    if (!Array.isArray(failure.errors)) {
      return {
        ok: false,
        problems: [{ file: null, line: null, column: null, text: String(error) }],
      }
    }
    return {
      ok: false,
      problems: failure.errors.map((m) => ({
        file: m.location ? stripNamespace(m.location.file) : null,
        line: m.location?.line ?? null,
        column: m.location?.column ?? null,
        text: m.text,
      })),
    }
  }
}

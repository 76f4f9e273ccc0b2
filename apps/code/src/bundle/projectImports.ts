/**
 * The imports a project file makes, read without a parser (a regular expression over the text,
 * comments removed first): enough to tell which project files it needs, for the warning on a
 * file whose import was deleted, while the real bundler (esbuild) reports exact errors.
 */
const IMPORT_FROM = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g
const BARE_IMPORT = /\bimport\s*(['"])([^'"\n]+)\1/g
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/[^\n]*/g

/** Every import specifier in `source`, in order of first appearance. */
export function importSpecifiers(source: string): string[] {
  const text = source.replace(COMMENTS, '$1')
  const found: string[] = []
  for (const pattern of [IMPORT_FROM, BARE_IMPORT, DYNAMIC_IMPORT]) {
    for (const m of text.matchAll(pattern)) {
      const spec = m[2] as string
      if (!found.includes(spec)) found.push(spec)
    }
  }
  return found
}

/** Imports of project files, as opposed to packages: `./x`, `../x`, `/x`. */
export function isProjectImport(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')
}

/** The project path `spec` names from the file at `from` (no extension added), or null above the root. */
export function joinProjectPath(from: string, spec: string): string | null {
  const base = spec.startsWith('/') ? [] : from.split('/').slice(0, -1)
  for (const part of spec.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (base.length === 0) return null
      base.pop()
    } else base.push(part)
  }
  return base.join('/')
}

/** What a bundler tries, in order, for an import written without its extension. */
export const RESOLVE_EXTENSIONS = [
  '.js',
  '.jsx',
  '.ts',
  '.tsx',
  '.mjs',
  '.vue',
  '.svelte',
  '.json',
  '.css',
]

/** The paths an import may mean, most literal first (`./App` → App, App.js, …, App/index.js…). */
export function candidatePaths(path: string): string[] {
  return [
    path,
    ...RESOLVE_EXTENSIONS.map((ext) => path + ext),
    ...RESOLVE_EXTENSIONS.map((ext) => `${path}/index${ext}`),
  ]
}

/** The existing project file `spec` imports from `from`, or null. */
export function resolveProjectImport(
  from: string,
  spec: string,
  exists: (path: string) => boolean,
): string | null {
  const path = joinProjectPath(from, spec)
  if (path === null) return null
  return candidatePaths(path).find(exists) ?? null
}

/** Files whose text `importSpecifiers` reads. */
export const SCRIPT_FILE = /\.(m?jsx?|tsx?|vue|svelte)$/

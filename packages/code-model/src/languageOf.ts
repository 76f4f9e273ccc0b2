export type Language =
  | 'javascript'
  | 'jsx'
  | 'typescript'
  | 'tsx'
  | 'json'
  | 'css'
  | 'html'
  | 'markdown'
  | 'vue'
  | 'svelte'
  | 'text'

const BY_EXTENSION: Record<string, Language> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  json: 'json',
  css: 'css',
  html: 'html',
  htm: 'html',
  md: 'markdown',
  vue: 'vue',
  svelte: 'svelte',
}

/** The language a file is highlighted (and, in template tests, parsed) as, from its name. */
export function languageOf(name: string): Language {
  const dot = name.lastIndexOf('.')
  if (dot < 0) return 'text'
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? 'text'
}

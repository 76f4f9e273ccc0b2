import { css } from '@codemirror/lang-css'
import { html } from '@codemirror/lang-html'
import { javascript } from '@codemirror/lang-javascript'
import { json } from '@codemirror/lang-json'
import { markdown } from '@codemirror/lang-markdown'
import { vue } from '@codemirror/lang-vue'
import type { Extension } from '@codemirror/state'
import { svelte } from '@replit/codemirror-lang-svelte'
import { type Language, languageOf } from '@weft/code-model'

const EXTENSIONS: Record<Language, () => Extension> = {
  javascript: () => javascript(),
  jsx: () => javascript({ jsx: true }),
  typescript: () => javascript({ typescript: true }),
  tsx: () => javascript({ jsx: true, typescript: true }),
  json: () => json(),
  css: () => css(),
  html: () => html(),
  markdown: () => markdown(),
  vue: () => vue(),
  svelte: () => svelte(),
  text: () => [],
}

/** Syntax highlighting for a file name (by extension); plain text when unknown. */
export function languageFor(name: string): Extension {
  return EXTENSIONS[languageOf(name)]()
}

import type { Extension } from '@codemirror/state'
import { type Language, languageOf } from '@weft/code-model'

// Each language pack is its own chunk, loaded when a file of that language is first opened: the
// packs (HTML pulls in CSS and JavaScript, Vue and Svelte pull in HTML) are most of the editor's
// code, and the first page load should not wait for languages the project may not have.
const EXTENSIONS: Record<Language, () => Promise<Extension>> = {
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  jsx: async () => (await import('@codemirror/lang-javascript')).javascript({ jsx: true }),
  typescript: async () =>
    (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  tsx: async () =>
    (await import('@codemirror/lang-javascript')).javascript({ jsx: true, typescript: true }),
  json: async () => (await import('@codemirror/lang-json')).json(),
  css: async () => (await import('@codemirror/lang-css')).css(),
  html: async () => (await import('@codemirror/lang-html')).html(),
  markdown: async () => (await import('@codemirror/lang-markdown')).markdown(),
  vue: async () => (await import('@codemirror/lang-vue')).vue(),
  svelte: async () => (await import('@replit/codemirror-lang-svelte')).svelte(),
  text: async () => [],
}

/** Syntax highlighting for a file name (by extension), once its pack has loaded; plain text when unknown. */
export function languageFor(name: string): Promise<Extension> {
  return EXTENSIONS[languageOf(name)]()
}

// Loaded only for projects with .svelte files (a chunk of its own: Svelte's compiler is large).
import { compile } from 'svelte/compiler'
import { CompileProblem } from './problem.ts'

type SvelteError = { message: string; start?: { line: number; column: number } }

/** A component as an ES module for the browser; its styles inject themselves when it mounts. */
export function compileSvelte(path: string, source: string): string {
  try {
    return compile(source, { filename: path, generate: 'client', css: 'injected', dev: false }).js
      .code
  } catch (error) {
    const e = error as SvelteError
    throw new CompileProblem(
      String(e.message ?? error),
      e.start?.line ?? null,
      e.start?.column ?? null,
    )
  }
}

// Loaded only for projects with .vue files (a chunk of its own: Vue's compiler is large).
import { compileScript, compileStyle, compileTemplate, parse } from '@vue/compiler-sfc'
import { CompileProblem } from './problem.ts'

/** A short id per file, stable across rebuilds (scoped CSS classes stay the same). */
function scopeIdOf(path: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

type Located = { message: string; loc?: { start: { line: number; column: number } } }

function problem(error: unknown): CompileProblem {
  const e = error as Located
  const start = e.loc?.start
  return new CompileProblem(
    String(e.message ?? error),
    start?.line ?? null,
    start ? start.column - 1 : null,
  )
}

/**
 * A single-file component as one ES module (script, render function, scope id) and its CSS,
 * the way @vitejs/plugin-vue assembles them; `lang` is the script's (esbuild strips TypeScript).
 */
export function compileVue(
  path: string,
  source: string,
): { js: string; css: string; lang: 'js' | 'ts' } {
  const { descriptor, errors } = parse(source, { filename: path })
  if (errors.length > 0) throw problem(errors[0])
  const id = scopeIdOf(path)
  const scoped = descriptor.styles.some((s) => s.scoped)
  const lang = (descriptor.scriptSetup ?? descriptor.script)?.lang === 'ts' ? 'ts' : 'js'
  let js = 'const __sfc__ = {}'
  let bindings: ReturnType<typeof compileScript>['bindings']
  try {
    if (descriptor.script || descriptor.scriptSetup) {
      const script = compileScript(descriptor, {
        id,
        inlineTemplate: Boolean(descriptor.scriptSetup),
        genDefaultAs: '__sfc__',
      })
      js = script.content
      bindings = script.bindings
    }
  } catch (error) {
    throw problem(error)
  }
  if (descriptor.template && !descriptor.scriptSetup) {
    const template = compileTemplate({
      source: descriptor.template.content,
      filename: path,
      id,
      scoped,
      compilerOptions: { bindingMetadata: bindings },
    })
    if (template.errors.length > 0) throw problem(template.errors[0])
    js += `\n${template.code.replace(/\bexport function render\b/, 'function render')}\n__sfc__.render = render`
  }
  if (scoped) js += `\n__sfc__.__scopeId = ${JSON.stringify(`data-v-${id}`)}`
  js += '\nexport default __sfc__\n'
  const css = descriptor.styles
    .map((style) => {
      const out = compileStyle({
        source: style.content,
        filename: path,
        id: `data-v-${id}`,
        scoped: style.scoped,
      })
      if (out.errors.length > 0) throw problem(out.errors[0])
      return out.code
    })
    .join('\n')
  return { js, css, lang }
}

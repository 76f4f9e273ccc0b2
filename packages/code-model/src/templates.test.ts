import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { parseTemplate } from '@angular/compiler'
import { compileScript, compileTemplate, parse as parseVue } from '@vue/compiler-sfc'
import { parse as parseHtml } from 'parse5'
import postcss from 'postcss'
import { compile as compileSvelte } from 'svelte/compiler'
import ts from 'typescript'
import * as Y from 'yjs'
import { languageOf } from './languageOf.ts'
import { ProjectModel } from './ProjectModel.ts'
import { templateFiles } from './templates.ts'
import type { TemplateManifest } from './types.ts'

const root = new URL('../templates/', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as TemplateManifest

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  )
}

function load(id: string) {
  const dir = join(root, id)
  const stored: Record<string, string> = {}
  for (const file of walk(dir)) stored[relative(dir, file)] = readFileSync(file, 'utf8')
  return templateFiles(stored)
}

function tsProblems(path: string, content: string): string[] {
  const kinds: Record<string, ts.ScriptKind> = {
    javascript: ts.ScriptKind.JS,
    jsx: ts.ScriptKind.JSX,
    typescript: ts.ScriptKind.TS,
    tsx: ts.ScriptKind.TSX,
  }
  const source = ts.createSourceFile(
    path,
    content,
    ts.ScriptTarget.Latest,
    false,
    kinds[languageOf(path)],
  )
  // parseDiagnostics is where the parser records syntax errors.
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

function htmlProblems(content: string): string[] {
  const problems: string[] = []
  parseHtml(content, { onParseError: (e) => problems.push(`${e.code} at line ${e.startLine}`) })
  return problems
}

function vueProblems(path: string, content: string): string[] {
  const { descriptor, errors } = parseVue(content, { filename: path })
  if (errors.length) return errors.map((e) => e.message)
  const script = compileScript(descriptor, { id: path })
  const problems = tsProblems(`${path}.js`, script.content)
  if (descriptor.template) {
    const t = compileTemplate({ source: descriptor.template.content, filename: path, id: path })
    problems.push(...t.errors.map((e) => (typeof e === 'string' ? e : e.message)))
  }
  return problems
}

/** Every file parses as its language; returns what failed, per file. */
function problemsOf(path: string, content: string, templateId: string): string[] {
  const lang = languageOf(path)
  try {
    switch (lang) {
      case 'javascript':
      case 'jsx':
      case 'typescript':
      case 'tsx':
        return tsProblems(path, content)
      case 'json':
        JSON.parse(content)
        return []
      case 'css':
        postcss.parse(content, { from: path })
        return []
      case 'html':
        if (templateId === 'angular' && path.startsWith('src/app/')) {
          return parseTemplate(content, path).errors?.map((e) => e.toString()) ?? []
        }
        return htmlProblems(content)
      case 'vue':
        return vueProblems(path, content)
      case 'svelte':
        compileSvelte(content, { filename: path })
        return []
      default:
        return []
    }
  } catch (error) {
    return [String(error)]
  }
}

test('the manifest lists every template folder, each with its first file present', () => {
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  assert.deepEqual(manifest.templates.map((t) => t.id).sort(), folders)
  assert.deepEqual(folders, ['angular', 'nextjs', 'react', 'svelte', 'vanilla', 'vue'])
  for (const t of manifest.templates) {
    assert.ok(
      load(t.id).some((f) => f.path === t.open),
      `${t.id} opens ${t.open}`,
    )
    // The command shown after download names a script the template's package.json has.
    const script = /^npm install && npm (?:run )?([a-z]+)$/.exec(t.run)?.[1]
    const pkg = JSON.parse(load(t.id).find((f) => f.path === 'package.json')?.content ?? '{}')
    assert.ok(script && pkg.scripts?.[script], `${t.id} runs with "${t.run}"`)
  }
})

for (const t of manifest.templates) {
  test(`${t.id}: every file parses as its language`, () => {
    const failures: string[] = []
    for (const f of load(t.id)) {
      for (const p of problemsOf(f.path, f.content, t.id)) failures.push(`${f.path}: ${p}`)
    }
    assert.deepEqual(failures, [])
  })

  test(`${t.id}: package.json pins exact versions`, () => {
    const pkg = JSON.parse(
      load(t.id).find((f) => f.path === 'package.json')?.content ?? '{}',
    ) as Record<string, Record<string, string> | undefined>
    const deps = { ...pkg.dependencies, ...pkg.devDependencies }
    assert.ok(Object.keys(deps).length > 0)
    for (const [name, version] of Object.entries(deps)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name}@${version} is pinned`)
    }
  })

  test(`${t.id}: a project made from it has exactly its files`, () => {
    const files = load(t.id)
    const project = new ProjectModel(new Y.Doc())
    project.initialize(files, { template: t.id })
    assert.deepEqual(
      project
        .tree()
        .files.map((f) => f.path)
        .sort(),
      files.map((f) => f.path).sort(),
    )
    assert.ok(files.some((f) => f.path === '.gitignore'))
  })
}

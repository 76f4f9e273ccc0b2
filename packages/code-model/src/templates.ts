import type { TemplateFile } from './types.ts'

/**
 * Template files are stored under `templates/<id>/` as they appear in a new project, except
 * `_gitignore`, stored under that name so the repository's own git rules never apply to it.
 */
export function projectPath(storedPath: string): string {
  return storedPath.replace(/(^|\/)_gitignore$/, '$1.gitignore')
}

/**
 * A template's files from stored paths relative to `templates/<id>/` (what a bundler glob or a
 * directory walk yields), sorted by project path.
 */
export function templateFiles(stored: Record<string, string>): TemplateFile[] {
  return Object.entries(stored)
    .map(([path, content]) => ({ path: projectPath(path), content }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

import type { TemplateFile, TemplateInfo, TemplateManifest } from '@weft/code-model'
import { templateFiles } from '@weft/code-model'
import manifestJson from '@weft/code-model/templates/manifest.json' with { type: 'json' }

export type Template = TemplateInfo & { files: TemplateFile[] }

// Every template file as text, bundled; `_gitignore` and other names are mapped by templateFiles.
const raw = import.meta.glob('../../../packages/code-model/templates/*/**/*', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

const PREFIX = '../../../packages/code-model/templates/'

export const TEMPLATES: Template[] = (manifestJson as TemplateManifest).templates.map((info) => {
  const stored: Record<string, string> = {}
  for (const [path, content] of Object.entries(raw)) {
    const rest = path.slice(PREFIX.length)
    if (rest.startsWith(`${info.id}/`)) stored[rest.slice(info.id.length + 1)] = content
  }
  return { ...info, files: templateFiles(stored) }
})

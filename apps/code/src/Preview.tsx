import { languageOf, type ProjectTree } from '@weft/code-model'
import { useMemo } from 'react'
import type { DocPool } from './DocPool.ts'
import { buildSrcdoc } from './srcdoc.ts'
import { useLiveTexts } from './useLiveTexts.ts'

const PREVIEWED = new Set(['html', 'css', 'javascript'])

/** The nonce the node put in this page (its CSP allows scripts carrying it). */
function cspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined
}

/**
 * Live preview of a static project: index.html with its CSS and JS inlined, in an iframe
 * sandboxed to scripts only (no same origin, so it cannot reach this app or its tokens).
 */
export function Preview({
  pool,
  projectId,
  tree,
}: {
  pool: DocPool
  projectId: string
  tree: ProjectTree
}) {
  const files = useMemo(() => tree.files.filter((f) => PREVIEWED.has(languageOf(f.name))), [tree])
  const texts = useLiveTexts(pool, projectId, files)
  const html = texts.get('index.html')
  const srcdoc = useMemo(
    () => (html === undefined ? '' : buildSrcdoc(html, texts, cspNonce())),
    [html, texts],
  )
  return (
    <section className="preview" aria-label="Preview">
      <div className="pane-title">Preview</div>
      {html === undefined ? (
        <p className="muted">Add an index.html at the top of the project to see a preview.</p>
      ) : (
        <iframe title="Preview" data-testid="preview" sandbox="allow-scripts" srcDoc={srcdoc} />
      )}
    </section>
  )
}

import { languageOf, type ProjectTree } from '@weft/code-model'
import { useMemo, useRef } from 'react'
import { ConsolePanel } from './ConsolePanel.tsx'
import type { DocPool } from './DocPool.ts'
import { PreviewErrorOverlay } from './PreviewErrorOverlay.tsx'
import { withConsoleBridge } from './previewConsole.ts'
import { withReadySignal } from './previewReady.ts'
import { buildSrcdoc } from './srcdoc.ts'
import { useLiveTexts } from './useLiveTexts.ts'
import { usePreviewConsole } from './usePreviewConsole.ts'
import { usePreviewErrors } from './usePreviewErrors.ts'
import { usePreviewReady } from './usePreviewReady.ts'

const PREVIEWED = new Set(['html', 'css', 'javascript'])

/** The nonce the node put in this page (its CSP allows scripts carrying it). */
export function cspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined
}

/**
 * Live preview of a static project: index.html with its CSS and JS inlined, in an iframe
 * sandboxed to scripts only (no same origin, so it cannot reach this app or its tokens). What
 * the page logs, and its uncaught errors, show in the console panel below it (never in the
 * app's own console); an uncaught error also shows over the page until dismissed or fixed.
 * The frame is `aria-busy` until its page is on screen (usePreviewReady, decision 0175).
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
    () =>
      html === undefined
        ? ''
        : buildSrcdoc(withConsoleBridge(withReadySignal(html)), texts, cspNonce()),
    [html, texts],
  )
  const frame = useRef<HTMLIFrameElement>(null)
  const [entries, clear] = usePreviewConsole(frame, srcdoc)
  const { overlay, dismiss } = usePreviewErrors(entries, srcdoc)
  const ready = usePreviewReady(frame, srcdoc)
  return (
    <section className="preview" aria-label="Preview">
      <div className="pane-title">Preview</div>
      {html === undefined ? (
        <p className="muted">Add an index.html at the top of the project to see a preview.</p>
      ) : (
        <div className="preview-frame">
          <iframe
            ref={frame}
            title="Preview"
            data-testid="preview"
            data-state={ready ? 'ready' : 'loading'}
            aria-busy={!ready}
            sandbox="allow-scripts"
            srcDoc={srcdoc}
          />
          {overlay && <PreviewErrorOverlay text={overlay.text} onDismiss={dismiss} />}
        </div>
      )}
      <ConsolePanel entries={entries} onClear={clear} />
    </section>
  )
}

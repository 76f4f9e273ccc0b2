import { useEffect, useRef, useState } from 'react'
import type { MissingImport } from './bundle/missingImports.ts'
import { bundledPage, moduleEntry } from './bundle/previewPage.ts'
import { type BuildProblem, problemPlace } from './bundle/problem.ts'
import { ConsolePanel } from './ConsolePanel.tsx'
import { cspNonce } from './Preview.tsx'
import { PreviewErrorOverlay } from './PreviewErrorOverlay.tsx'
import { usePreviewConsole } from './usePreviewConsole.ts'
import { usePreviewErrors } from './usePreviewErrors.ts'
import { usePreviewReady } from './usePreviewReady.ts'

/** Quiet time after an edit (anyone's, on any node) before the preview rebuilds. */
const REBUILD_DELAY_MS = 250

type Props = {
  /** Every file of the project by path, live (useLiveTexts): synced files only. */
  texts: ReadonlyMap<string, string>
  /** How many files the project has: the preview builds once all of them have synced. */
  fileCount: number
  /** Imports of files that are not there, with the trash item that restores each. */
  missing: readonly MissingImport[]
}

/** The page shown; `page` counts the different pages shown since the preview opened. */
type Built = { srcdoc: string; ms: number; page: number }

/**
 * Live preview of a React, Vue or Svelte project: bundled in this browser (bundle/bundler.ts,
 * loaded on first use) from index.html's module script, and run in a frame sandboxed as the
 * static preview's (Preview.tsx), with the packages from this node. Rebuilt after every edit;
 * a failed build keeps the last page and shows its errors (file, line, message) over it;
 * uncaught errors of the running page show there too, and its logs in the console below.
 * A build that makes the same page keeps the running one (a user's clicks and typing in it stay);
 * the frame is `aria-busy` until its page is on screen (usePreviewReady).
 */
export function BundledPreview({ texts, fileCount, missing }: Props) {
  const [built, setBuilt] = useState<Built | null>(null)
  const [problems, setProblems] = useState<BuildProblem[]>([])
  const [notice, setNotice] = useState<string | null>('Starting the bundler…')
  const missingRef = useRef(missing)
  missingRef.current = missing
  const html = texts.get('index.html')

  useEffect(() => {
    // Fetching and compiling esbuild's WebAssembly is most of the first render: start it now,
    // while the files still sync (1 to 4.5 s measured), not after. A failure shows at the build.
    void import('./bundle/bundler.ts').then((b) => b.startBundler()).catch(() => {})
  }, [])

  const complete = texts.size >= fileCount
  useEffect(() => {
    // Half-synced files would build into errors that are not there.
    if (!complete) return
    if (html === undefined) {
      setNotice('Add an index.html at the top of the project to see a preview.')
      return
    }
    const entry = moduleEntry(html)
    if (!entry) {
      setNotice('index.html has no <script type="module" src="…"> to start the preview from.')
      return
    }
    let cancelled = false
    const timer = setTimeout(async () => {
      const started = performance.now()
      const { bundleProject } = await import('./bundle/bundler.ts')
      const outcome = await bundleProject({
        files: texts,
        entry,
        deletedAs: (importer, spec) =>
          missingRef.current.find((m) => m.importer === importer && m.spec === spec)?.trashPath ??
          null,
      })
      if (cancelled) return
      if (!outcome.ok) {
        setProblems(outcome.problems)
        return
      }
      setProblems([])
      setNotice(null)
      const srcdoc = bundledPage({
        html,
        entry,
        js: outcome.js,
        css: outcome.css,
        imports: outcome.imports,
        files: texts,
        nonce: cspNonce(),
      })
      const ms = Math.round(performance.now() - started)
      setBuilt((last) =>
        last?.srcdoc === srcdoc ? last : { srcdoc, ms, page: (last?.page ?? 0) + 1 },
      )
    }, REBUILD_DELAY_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [html, texts, complete])

  const srcdoc = built?.srcdoc ?? ''
  const frame = useRef<HTMLIFrameElement>(null)
  const [entries, clear] = usePreviewConsole(frame, srcdoc)
  const { overlay, dismiss } = usePreviewErrors(entries, srcdoc)
  const ready = usePreviewReady(frame, srcdoc)
  return (
    <section className="preview" aria-label="Preview">
      <div className="pane-title">Preview</div>
      {notice && !built && problems.length === 0 && (
        <p className="muted" data-testid="preview-notice">
          {notice}
        </p>
      )}
      {(built || problems.length > 0) && (
        <div className="preview-frame">
          {built && (
            <iframe
              ref={frame}
              title="Preview"
              data-testid="preview"
              data-build-ms={built.ms}
              data-page={built.page}
              data-state={ready ? 'ready' : 'loading'}
              aria-busy={!ready}
              sandbox="allow-scripts"
              srcDoc={srcdoc}
            />
          )}
          {problems.length > 0 ? (
            <div className="preview-error" role="alert" data-testid="preview-build-error">
              <strong>The preview cannot be built</strong>
              <ul>
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one build's errors, in esbuild's order
                  <li key={i} data-file={p.file ?? ''}>
                    {problemPlace(p) && <code className="problem-place">{problemPlace(p)}</code>}
                    <pre>{p.text}</pre>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            overlay && <PreviewErrorOverlay text={overlay.text} onDismiss={dismiss} />
          )}
        </div>
      )}
      <ConsolePanel entries={entries} onClear={clear} />
    </section>
  )
}

import { withConsoleBridge } from '../previewConsole.ts'
import { withReadySignal } from '../previewReady.ts'
import { buildSrcdoc } from '../srcdoc.ts'

const MODULE_SCRIPT = /<script\b([^>]*)\bsrc\s*=\s*["']([^"']+)["']([^>]*)>\s*<\/script>/gi

/** The project path of index.html's module script (`/src/main.jsx` → src/main.jsx), or null. */
export function moduleEntry(html: string): string | null {
  for (const m of html.matchAll(MODULE_SCRIPT)) {
    const attributes = `${m[1]} ${m[3]}`
    const src = m[2] as string
    if (!/\btype\s*=\s*["']?module/i.test(attributes) || /^[a-z]+:|^\/\//i.test(src)) continue
    return src.replace(/^\.?\//, '')
  }
  return null
}

export type BundledPage = {
  html: string
  /** The project path moduleEntry found; its tag is replaced by the bundle. */
  entry: string
  js: string
  css: string
  /** Import specifier → absolute URL on this node (the preview frame has no origin). */
  imports: Readonly<Record<string, string>>
  files: ReadonlyMap<string, string>
  nonce?: string
}

/**
 * The preview frame's page for a bundled project: index.html with the console bridge first, the
 * signal that says when the page is drawn (previewReady.ts), the import map that sends package
 * imports to this node, the bundle's CSS, and the bundle itself in place of the entry's script
 * tag; every script carries the page's nonce (see srcdoc.ts).
 */
export function bundledPage(page: BundledPage): string {
  const map = JSON.stringify({ imports: page.imports }).replace(/</g, '\\u003c')
  const css = page.css.replace(/<\/style/gi, '<\\/style')
  const js = page.js.replace(/<\/script/gi, '<\\/script')
  let replaced = false
  const body = page.html.replace(MODULE_SCRIPT, (tag, _a, src: string) => {
    if (replaced || src.replace(/^\.?\//, '') !== page.entry) return tag
    replaced = true
    return `<script type="module">${js}</script>`
  })
  const head = `<script type="importmap">${map}</script>${css ? `<style>${css}</style>` : ''}`
  const withHead = /<head\b[^>]*>/i.test(body)
    ? body.replace(/<head\b[^>]*>/i, (h) => h + head)
    : head + body
  return buildSrcdoc(withConsoleBridge(withReadySignal(withHead)), page.files, page.nonce)
}

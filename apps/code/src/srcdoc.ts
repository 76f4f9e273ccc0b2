/**
 * The page the preview iframe shows: `index.html` with the project's stylesheets and scripts
 * that it links by relative path inlined, so the sandboxed iframe (no origin, no network to
 * the project) renders exactly the current contents.
 */
export function buildSrcdoc(
  html: string,
  files: ReadonlyMap<string, string>,
  scriptNonce?: string,
): string {
  const lookup = (ref: string) => {
    if (/^[a-z]+:|^\/\//i.test(ref)) return undefined
    return files.get(ref.replace(/^\.?\//, ''))
  }
  const page = html
    .replace(/<link\b[^>]*>/gi, (tag) => {
      if (!/\brel\s*=\s*["']?stylesheet/i.test(tag)) return tag
      const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]
      const css = href === undefined ? undefined : lookup(href)
      return css === undefined ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`
    })
    .replace(
      /<script\b([^>]*)\bsrc\s*=\s*["']([^"']+)["']([^>]*)>\s*<\/script>/gi,
      (tag, a, src, b) => {
        const js = lookup(src)
        if (js === undefined) return tag
        return `<script${a}${b}>${js.replace(/<\/script/gi, '<\\/script')}</script>`
      },
    )
  // The frame inherits the app page's CSP (scripts from the node only, or with its nonce): the
  // project's scripts get the nonce so the preview runs them, sandboxed, without an origin.
  return scriptNonce ? page.replace(/<script\b/gi, `<script nonce="${scriptNonce}"`) : page
}

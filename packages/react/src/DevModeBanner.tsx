/**
 * A strip above the app while the node runs in open dev mode (no AUTH_SECRET): anyone who can
 * reach it can read and edit every document, and the user should know. The node says so in the
 * page it serves (`<meta name="weft-auth" content="open-dev-mode">`), so the apps need no request.
 */
export function DevModeBanner() {
  if (typeof document === 'undefined') return null
  const mode = document.querySelector<HTMLMetaElement>('meta[name="weft-auth"]')?.content
  if (mode !== 'open-dev-mode') return null
  return (
    <div className="dev-mode-banner" role="status" data-testid="dev-mode-banner">
      open dev mode: no sign-in
    </div>
  )
}

/** The page at `/`: where a newcomer starts. The apps create a new document when opened without an id. */
import { WEB_APPS } from './staticApps.ts'

const DESCRIPTIONS: Record<(typeof WEB_APPS)[number], string> = {
  grid: 'A spreadsheet many people edit at once.',
  code: 'Multi-file code projects from templates.',
  canvas: 'A shared drawing board.',
}

export function landingPage(options: { nodeId: string; builtApps: string[] }): string {
  const cards = WEB_APPS.map((app) => {
    const built = options.builtApps.includes(app)
    const action = built
      ? `<a class="open" href="/${app}/">Open a new ${app}</a>`
      : '<span class="missing">not built yet (run npm run build)</span>'
    return `<li><h2>${app[0]?.toUpperCase()}${app.slice(1)}</h2><p>${DESCRIPTIONS[app]}</p>${action}</li>`
  }).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Weft</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;color:#1d232a}
ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
li{border:1px solid #d6dbe1;border-radius:.5rem;padding:1rem}
h2{margin:.2rem 0}.open{font-weight:600}.missing{color:#8a6d00}footer{color:#66707a;font-size:.85rem;margin-top:2rem}
</style></head><body>
<h1>Weft</h1>
<p>Real-time collaboration on Yjs. Open an app, then share its URL: everyone with the link edits the same document.</p>
<ul>${cards}</ul>
<footer>Node <code>${escapeHtml(options.nodeId)}</code> · <a href="/readyz">readiness</a> · <a href="/metrics">metrics</a></footer>
</body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

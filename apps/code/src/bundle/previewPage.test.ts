import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bundledPage, moduleEntry } from './previewPage.ts'

const html = `<!doctype html>
<html><head><title>t</title></head>
<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>`

test("index.html's module script is the entry, as a project path", () => {
  assert.equal(moduleEntry(html), 'src/main.jsx')
  assert.equal(moduleEntry('<script src="x.js"></script>'), null)
  assert.equal(moduleEntry('<script type="module" src="https://cdn.test/x.js"></script>'), null)
})

test('the page: console bridge, drawn signal, import map, styles; the bundle replaces the entry', () => {
  const page = bundledPage({
    html,
    entry: 'src/main.jsx',
    js: 'import "react"; document.title = "</script>"',
    css: 'h1 { color: red }',
    imports: { react: 'https://node.test/preview-packages/react-abc.js' },
    files: new Map(),
    nonce: 'N0nce',
  })
  const bridge = page.indexOf('weftPreview')
  const drawn = page.indexOf('drawn: 1')
  const map = page.indexOf(
    '<script nonce="N0nce" type="importmap">{"imports":{"react":"https://node.test/preview-packages/react-abc.js"}}</script>',
  )
  const style = page.indexOf('<style>h1 { color: red }</style>')
  assert.ok(bridge > 0 && drawn > bridge && map > drawn && style > map, page)
  assert.match(
    page,
    /<script nonce="N0nce" type="module">import "react"; document.title = "<\\\/script>"<\/script><\/body>/,
  )
  assert.doesNotMatch(page, /src="\/src\/main.jsx"/)
  // Every script carries the nonce: no script runs without it under the inherited CSP.
  assert.equal(page.match(/<script\b/g)?.length, page.match(/<script nonce="N0nce"/g)?.length)
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildSrcdoc } from './srcdoc.ts'

const files = new Map([
  ['style.css', 'h1 { color: red }'],
  ['main.js', 'document.title = "</script>"'],
])

test('linked stylesheets and scripts are inlined from the project', () => {
  const out = buildSrcdoc(
    '<link rel="stylesheet" href="style.css" /><script type="module" src="./main.js"></script>',
    files,
  )
  assert.equal(
    out,
    '<style>h1 { color: red }</style><script type="module" >document.title = "<\\/script>"</script>',
  )
})

test('external and missing references are left alone', () => {
  const html =
    '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="nope.js"></script><link rel="icon" href="style.css">'
  assert.equal(buildSrcdoc(html, files), html)
})

test('with a nonce, every script of the preview carries it', () => {
  const html = '<script src="main.js"></script><SCRIPT>inline()</SCRIPT>'
  const page = buildSrcdoc(html, new Map([['main.js', 'run()']]), 'abc123')
  assert.equal(
    page,
    '<script nonce="abc123" >run()</script><script nonce="abc123">inline()</SCRIPT>',
  )
})

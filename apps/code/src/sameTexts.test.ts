import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sameTexts } from './sameTexts.ts'

test('the same files with the same contents are the same texts, in any order', () => {
  const a = new Map([
    ['src/App.jsx', 'export default 1'],
    ['index.html', '<div id="app"></div>'],
  ])
  const b = new Map([
    ['index.html', '<div id="app"></div>'],
    ['src/App.jsx', 'export default 1'],
  ])
  assert.equal(sameTexts(a, b), true)
})

test('one character, one file more or one path renamed makes them differ', () => {
  const a = new Map([['src/App.jsx', 'export default 1']])
  assert.equal(sameTexts(a, new Map([['src/App.jsx', 'export default 2']])), false)
  assert.equal(sameTexts(a, new Map([...a, ['src/x.js', '']])), false)
  assert.equal(sameTexts(a, new Map([['src/Main.jsx', 'export default 1']])), false)
  // An empty file is a file: it is not the same as no file.
  assert.equal(sameTexts(new Map([['a', '']]), new Map([['b', '']])), false)
})

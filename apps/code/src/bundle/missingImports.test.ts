import assert from 'node:assert/strict'
import { test } from 'node:test'
import { missingImports } from './missingImports.ts'

const texts = new Map([
  [
    'src/App.jsx',
    "import Counter from './components/Counter.jsx'\nimport { x } from './util'\nimport 'react'",
  ],
  ['src/main.jsx', "import App from './App.jsx'"],
  ['src/App.css', "@import './gone.css';"],
])

test('an import of a deleted file names it and the trash item that restores it', () => {
  const live = new Set(['src/App.jsx', 'src/main.jsx', 'src/App.css'])
  const trash = [
    { id: 't-folder', path: 'src/components', kind: 'folder' as const },
    { id: 't-old', path: 'src/components/Counter.jsx', kind: 'file' as const },
  ]
  const missing = missingImports(texts, (p) => live.has(p), trash)
  assert.deepEqual(missing, [
    {
      importer: 'src/App.jsx',
      spec: './components/Counter.jsx',
      path: 'src/components/Counter.jsx',
      // The newest delete that holds it (the trash lists newest first): its folder.
      trashId: 't-folder',
      trashPath: 'src/components',
    },
    { importer: 'src/App.jsx', spec: './util', path: 'src/util', trashId: null, trashPath: null },
  ])
})

test('nothing is missing when every imported file exists', () => {
  const live = new Set(['src/App.jsx', 'src/main.jsx', 'src/components/Counter.jsx', 'src/util.js'])
  assert.deepEqual(
    missingImports(texts, (p) => live.has(p), []),
    [],
  )
})

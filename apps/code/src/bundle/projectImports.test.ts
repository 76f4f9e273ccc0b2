import assert from 'node:assert/strict'
import { test } from 'node:test'
import { importSpecifiers, joinProjectPath, resolveProjectImport } from './projectImports.ts'

test('every kind of import is found once, and commented-out imports are not', () => {
  const source = [
    "import { useState } from 'react'",
    'import Counter from "./components/Counter.jsx"',
    "import './App.css'",
    "export { helper } from '../lib/helper'",
    "import {\n  a,\n  b,\n} from './multi.js'",
    "const lazy = () => import('./Lazy.jsx')",
    "// import Gone from './Gone.jsx'",
    "/* import Also from './Also.jsx' */",
    "import React from 'react'",
    "const url = 'https://example.test/x' // a string with // in it",
  ].join('\n')
  assert.deepEqual(importSpecifiers(source), [
    'react',
    './components/Counter.jsx',
    '../lib/helper',
    './multi.js',
    './App.css',
    './Lazy.jsx',
  ])
})

test('a Vue or Svelte file is read the same way (its script block holds the imports)', () => {
  const vue =
    "<script setup>\nimport Counter from './components/Counter.vue'\n</script>\n<template><Counter /></template>"
  assert.deepEqual(importSpecifiers(vue), ['./components/Counter.vue'])
})

test('paths join against the importing file, and cannot climb above the project', () => {
  assert.equal(
    joinProjectPath('src/App.jsx', './components/Counter.jsx'),
    'src/components/Counter.jsx',
  )
  assert.equal(joinProjectPath('src/lib/a.js', '../App.jsx'), 'src/App.jsx')
  assert.equal(joinProjectPath('src/App.jsx', '/index.css'), 'index.css')
  assert.equal(joinProjectPath('index.js', '../../etc/passwd'), null)
})

test('an import without its extension finds the file a bundler would', () => {
  const files = new Set(['src/App.jsx', 'src/lib/index.ts', 'src/data.json'])
  const exists = (p: string) => files.has(p)
  assert.equal(resolveProjectImport('src/main.jsx', './App', exists), 'src/App.jsx')
  assert.equal(resolveProjectImport('src/main.jsx', './lib', exists), 'src/lib/index.ts')
  assert.equal(resolveProjectImport('src/main.jsx', './data.json', exists), 'src/data.json')
  assert.equal(resolveProjectImport('src/main.jsx', './Missing', exists), null)
})

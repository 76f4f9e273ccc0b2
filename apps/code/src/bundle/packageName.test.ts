import assert from 'node:assert/strict'
import { test } from 'node:test'
import { packageOf, unavailableMessage } from './packageName.ts'

const imports = { react: '/p/react.js', 'react-dom/client': '/p/rdc.js', vue: '/p/vue.js' }
const packages = { react: '19.3.1', 'react-dom': '19.3.1', vue: '3.5.45' }

test('the package of a bare import, scoped or not', () => {
  assert.equal(packageOf('react-dom/client'), 'react-dom')
  assert.equal(packageOf('@scope/pkg/deep/file.js'), '@scope/pkg')
  assert.equal(packageOf('lodash'), 'lodash')
})

test('an unavailable package is named, with what the preview provides', () => {
  assert.equal(
    unavailableMessage('lodash/debounce', imports, packages),
    'The preview cannot load the package "lodash": it provides only react@19.3.1, react-dom@19.3.1, vue@3.5.45. Download the project to use other packages.',
  )
})

test('an unserved entry of a served package says so', () => {
  assert.match(
    unavailableMessage('react-dom/server', imports, packages),
    /cannot load "react-dom\/server" \(that part of react-dom\)/,
  )
})

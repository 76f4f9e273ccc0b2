import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canvasCommand, type KeyLike } from './canvasKeys.ts'

const k = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

test('tool letters pick tools; Enter or Space draws with a drawing tool', () => {
  assert.deepEqual(canvasCommand(k('r'), 'select', false), { kind: 'tool', tool: 'rect' })
  assert.deepEqual(canvasCommand(k('O'), 'select', false), { kind: 'tool', tool: 'ellipse' })
  assert.deepEqual(canvasCommand(k('Enter'), 'rect', false), { kind: 'create' })
  assert.deepEqual(canvasCommand(k(' '), 'sticky', true), { kind: 'create' })
  assert.equal(canvasCommand(k(' '), 'select', true), null)
  assert.deepEqual(canvasCommand(k('Enter'), 'select', true), { kind: 'edit' })
  assert.equal(canvasCommand(k('Enter'), 'select', false), null)
})

test('arrows move the selection, Ctrl/Cmd+arrows resize it, without one they pan', () => {
  assert.deepEqual(canvasCommand(k('ArrowRight'), 'select', true), { kind: 'move', dx: 10, dy: 0 })
  assert.deepEqual(canvasCommand(k('ArrowUp', { shiftKey: true }), 'select', true), {
    kind: 'move',
    dx: 0,
    dy: -1,
  })
  assert.deepEqual(canvasCommand(k('ArrowDown', { ctrlKey: true }), 'select', true), {
    kind: 'resize',
    handle: 'se',
    dw: 0,
    dh: 10,
  })
  assert.deepEqual(canvasCommand(k('ArrowLeft', { metaKey: true }), 'select', true), {
    kind: 'resize',
    handle: 'se',
    dw: -10,
    dh: 0,
  })
  // Ctrl+Alt+arrows move the top-left handle instead (every edge has a key).
  assert.deepEqual(canvasCommand(k('ArrowLeft', { ctrlKey: true, altKey: true }), 'select', true), {
    kind: 'resize',
    handle: 'nw',
    dw: -10,
    dh: 0,
  })
  assert.deepEqual(canvasCommand(k('ArrowLeft'), 'select', false), { kind: 'pan', dx: -50, dy: 0 })
  // Alt+Left is the browser's Back: never taken.
  assert.equal(canvasCommand(k('ArrowLeft', { altKey: true }), 'select', true), null)
})

test('editing keys, and what is left to the browser', () => {
  assert.deepEqual(canvasCommand(k('Delete'), 'select', true), { kind: 'delete' })
  assert.deepEqual(canvasCommand(k('z', { ctrlKey: true }), 'select', true), { kind: 'undo' })
  assert.deepEqual(canvasCommand(k('Z', { ctrlKey: true, shiftKey: true }), 'select', true), {
    kind: 'redo',
  })
  assert.deepEqual(canvasCommand(k('d', { metaKey: true }), 'select', true), { kind: 'duplicate' })
  assert.deepEqual(canvasCommand(k('a', { ctrlKey: true }), 'select', false), { kind: 'selectAll' })
  assert.deepEqual(canvasCommand(k('a', { metaKey: true }), 'rect', true), { kind: 'selectAll' })
  assert.deepEqual(canvasCommand(k('n'), 'select', false), { kind: 'cycle', step: 1 })
  assert.deepEqual(canvasCommand(k('N', { shiftKey: true }), 'select', false), {
    kind: 'cycle',
    step: -1,
  })
  assert.equal(canvasCommand(k('Tab'), 'select', true), null)
  assert.equal(canvasCommand(k('c', { ctrlKey: true }), 'select', true), null)
  assert.equal(canvasCommand(k('q'), 'select', true), null)
})

// The apps served over plain HTTP from an address other than localhost (a cluster's pod or
// Service address, an http-only Ingress) are not a secure context: crypto.randomUUID does not
// exist there. Found running the canvas suite against the chart's pods: every shape drawn threw
// and nothing appeared. Every id a browser makes must come from crypto.getRandomValues instead.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { newShapeId } from '@weft/canvas-model'
import { newDocId, newIdentity } from '@weft/client'
import { TilePlacer } from './tilePlacer.ts'

const webCrypto = globalThis.crypto as Crypto & { randomUUID?: unknown }
before(() => {
  // What a browser's window.crypto offers outside a secure context: no randomUUID.
  Object.defineProperty(webCrypto, 'randomUUID', { value: undefined, configurable: true })
  assert.equal(typeof crypto.randomUUID, 'undefined')
})
after(() => {
  Reflect.deleteProperty(webCrypto, 'randomUUID')
})

test('shapes, documents and dev identities get distinct ids without crypto.randomUUID', () => {
  const shapes = new Set(Array.from({ length: 200 }, () => newShapeId()))
  assert.equal(shapes.size, 200)
  for (const id of shapes) assert.match(id, /^s[0-9a-f]{11}$/)
  assert.match(newDocId(), /^[0-9a-f]{12}$/)
  assert.notEqual(newDocId(), newDocId())
  assert.match(newIdentity().id, /^u-[0-9a-f]{8}$/)
})

test('a tile placement gets a request id without crypto.randomUUID', () => {
  const sent: string[] = []
  const placer = new TilePlacer({ send: (p) => sent.push(p), onPending: () => {}, timeoutMs: 50 })
  void placer.place({ row: 1, col: 2, colour: 3 })
  const { requestId } = JSON.parse(sent[0] ?? '{}') as { requestId?: string }
  assert.match(requestId ?? '', /^[0-9a-f]{32}$/)
})

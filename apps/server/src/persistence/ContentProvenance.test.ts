import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { ContentProvenance } from './ContentProvenance.ts'

const redis = { source: 'redis' }
const connection = { source: 'connection' }

function peerDoc(text: string): Y.Doc {
  const peer = new Y.Doc()
  peer.getText('text').insert(0, text)
  return peer
}

function textAfter(base: Y.Doc, update: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  Y.applyUpdate(doc, update)
  return doc.getText('text').toString()
}

test('own clients’ updates and journaled frames need nothing at unload', () => {
  const provenance = new ContentProvenance(1_000_000)
  const doc = new Y.Doc()
  provenance.track(doc)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peerDoc('mine')), connection)
  provenance.frameArriving(true)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peerDoc('journaled')), redis)
  provenance.frameDone()
  assert.deepEqual(provenance.unloadNeed(doc), { kind: 'nothing' })
})

test('what an unjournaled frame or a change outside a frame added is what the unload writes', () => {
  const provenance = new ContentProvenance(1_000_000)
  const doc = new Y.Doc()
  provenance.track(doc)
  const journaled = peerDoc('journaled ')
  provenance.frameArriving(true)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(journaled), redis)
  provenance.frameDone()
  provenance.frameArriving(false)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peerDoc('peer memory ')), redis)
  provenance.frameDone()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(peerDoc('late')), redis)
  const need = provenance.unloadNeed(doc)
  assert.equal(need.kind, 'write')
  if (need.kind !== 'write') return
  // Written on top of what the store holds (the journaled part), it completes the document.
  const stored = new Y.Doc()
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(journaled))
  assert.equal(textAfter(stored, need.update), doc.getText('text').toString())
  assert.ok(!textAfter(new Y.Doc(), need.update).includes('journaled'), 'only what nobody stored')
})

test('an unjournaled frame that adds nothing leaves nothing to write', () => {
  const provenance = new ContentProvenance(1_000_000)
  const doc = new Y.Doc()
  const update = Y.encodeStateAsUpdate(peerDoc('known'))
  Y.applyUpdate(doc, update, connection)
  provenance.track(doc)
  provenance.frameArriving(false)
  Y.applyUpdate(doc, update, redis)
  provenance.frameDone()
  assert.deepEqual(provenance.unloadNeed(doc), { kind: 'nothing' })
})

test('an unjournaled frame Yjs holds back, or too much unjournaled content, falls back to a comparison', () => {
  const provenance = new ContentProvenance(1_000_000)
  const held = new Y.Doc()
  provenance.track(held)
  const peer = peerDoc('a')
  const before = Y.encodeStateVector(peer)
  peer.getText('text').insert(1, 'b')
  provenance.frameArriving(false)
  Y.applyUpdate(held, Y.encodeStateAsUpdate(peer, before), redis) // depends on "a", missing
  provenance.frameDone()
  assert.deepEqual(provenance.unloadNeed(held), { kind: 'compare' })

  const small = new ContentProvenance(10)
  const big = new Y.Doc()
  small.track(big)
  small.frameArriving(false)
  Y.applyUpdate(big, Y.encodeStateAsUpdate(peerDoc('more than ten bytes of text')), redis)
  small.frameDone()
  assert.deepEqual(small.unloadNeed(big), { kind: 'compare' })
})

test('a document never tracked (its load did not finish here) is compared', () => {
  assert.deepEqual(new ContentProvenance(1_000_000).unloadNeed(new Y.Doc()), { kind: 'compare' })
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { ContentProvenance } from './ContentProvenance.ts'

const redis = { source: 'redis' }
const connection = { source: 'connection' }

function peerUpdate(text: string): Uint8Array {
  const peer = new Y.Doc()
  peer.getText('text').insert(0, text)
  return Y.encodeStateAsUpdate(peer)
}

test('own clients’ updates and journaled frames keep a document all stored', () => {
  const provenance = new ContentProvenance()
  const doc = new Y.Doc()
  provenance.track(doc)
  Y.applyUpdate(doc, peerUpdate('mine'), connection)
  provenance.frameArriving(true)
  Y.applyUpdate(doc, peerUpdate('journaled'), redis)
  provenance.frameDone()
  assert.equal(provenance.allStored(doc), true)
})

test('a change from an unjournaled frame, or from Redis outside a frame, is not', () => {
  const provenance = new ContentProvenance()
  const unjournaled = new Y.Doc()
  provenance.track(unjournaled)
  provenance.frameArriving(false)
  Y.applyUpdate(unjournaled, peerUpdate('peer memory'), redis)
  provenance.frameDone()
  assert.equal(provenance.allStored(unjournaled), false)
  const outside = new Y.Doc()
  provenance.track(outside)
  Y.applyUpdate(outside, peerUpdate('late'), redis)
  assert.equal(provenance.allStored(outside), false)
})

test('an unjournaled frame that adds nothing leaves the document all stored', () => {
  const provenance = new ContentProvenance()
  const doc = new Y.Doc()
  const update = peerUpdate('known')
  Y.applyUpdate(doc, update, connection)
  provenance.track(doc)
  provenance.frameArriving(false)
  Y.applyUpdate(doc, update, redis)
  provenance.frameDone()
  assert.equal(provenance.allStored(doc), true)
})

test('a document never tracked (its load did not finish here) is never taken as stored', () => {
  assert.equal(new ContentProvenance().allStored(new Y.Doc()), false)
})

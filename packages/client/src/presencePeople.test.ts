import assert from 'node:assert/strict'
import { test } from 'node:test'
import { describeConnections, presencePeople } from './presencePeople.ts'

const me = { id: 'u-ada', name: 'Ada', color: '#d9480f' }
const bob = { id: 'u-bob', name: 'Bob', color: '#1971c2' }

test('presence lists people on other nodes; awareness adds colours and stragglers', () => {
  const people = presencePeople(
    [
      { sub: 'u-ada', name: 'Ada', nodes: ['node-a'], connections: 1 },
      { sub: 'u-bob', name: 'Bob (token)', nodes: ['node-a', 'node-b'], connections: 2 },
      { sub: 'u-cy', name: 'Cy', nodes: ['node-c'], connections: 1 },
    ],
    [me, bob, { id: 'u-dee', name: 'Dee', color: '#000' }],
    me,
  )
  assert.deepEqual(people, [
    { ...me, isMe: true, source: 'presence', connections: 1, nodes: ['node-a'] },
    { ...bob, isMe: false, source: 'presence', connections: 2, nodes: ['node-a', 'node-b'] },
    { id: 'u-cy', name: 'Cy', isMe: false, source: 'presence', connections: 1, nodes: ['node-c'] },
    { id: 'u-dee', name: 'Dee', color: '#000', isMe: false, source: 'awareness' },
  ])
})

test('without presence data the list is awareness alone, me first', () => {
  const people = presencePeople([], [bob, me], me)
  assert.deepEqual(
    people.map((p) => [p.name, p.source, p.isMe]),
    [
      ['Ada', 'awareness', true],
      ['Bob', 'awareness', false],
    ],
  )
})

test('the marker tooltip counts connections and nodes', () => {
  assert.equal(
    describeConnections({ connections: 2, nodes: ['node-a', 'node-b'] }),
    '2 connections on 2 nodes (node-a, node-b)',
  )
  assert.equal(describeConnections({ connections: 1, nodes: ['n'] }), '1 connection on 1 node (n)')
  assert.equal(describeConnections({}), 'seen through awareness only')
})

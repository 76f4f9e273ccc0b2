// Tile boards (canvas:<id>/tiles): placements are validated by the server — bounds, palette,
// write access, per-user rate limit — and a refused placement leaves the document untouched;
// clients cannot write the board directly. Across two nodes.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import {
  clientPool,
  type Fleet,
  placeTile,
  startFleet,
  type TestClient,
  waitFor,
} from '@weft/testkit'

const SECRET = 'tiles-secret-0123456789'
const BOARD = 'canvas:place/tiles'
let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    env: { TILE_PLACEMENTS_PER_MINUTE: '5' },
  })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const token = (sub: string, access: 'read' | 'write' = 'write') =>
  mintAccessToken({ sub, name: sub, docs: { 'canvas:*': access } }, SECRET)

const tiles = (client: TestClient) => client.doc.getMap<number>('canvas.tiles')

test('a valid placement appears for everyone; invalid ones are refused and change nothing', async () => {
  const ada = clients.connect(0, BOARD, await token('ada'))
  const bob = clients.connect(1, BOARD, await token('bob'))
  await Promise.all([ada.synced(), bob.synced()])
  await waitFor(
    'the server set up the board',
    () => bob.doc.getMap('canvas.meta').get('mode') === 'tiles',
  )

  const valid = await placeTile(ada, 3, 7, 5)
  assert.equal(valid.ok, true)
  await waitFor('bob sees the tile', () => tiles(bob).get('3:7') === 5)

  for (const [row, col, colour, problem] of [
    [32, 0, 1, /outside the 32×32 board/],
    [0, 99, 1, /outside/],
    [1, 1, 16, /not a palette index/],
    [1, 1, -1, /not a palette index/],
    [-1, 2, 1, /whole numbers/],
    [1.5, 2, 1, /whole numbers/],
  ] as const) {
    const answer = await placeTile(ada, row, col, colour)
    assert.equal(answer.ok, false, `${row},${col},${colour} refused`)
    assert.match(answer.reason ?? '', problem)
  }
  // A marker placement proves Bob has received everything Ada's node did since.
  assert.equal((await placeTile(bob, 0, 0, 1)).ok, true)
  await waitFor('marker', () => tiles(ada).get('0:0') === 1)
  assert.deepEqual(
    [...tiles(bob).keys()].sort(),
    ['0:0', '3:7'],
    'refused placements left no trace',
  )
})

test('clients cannot write the board directly', async () => {
  const mallory = clients.connect(0, BOARD, await token('mallory'))
  const watcher = clients.connect(1, BOARD, await token('watcher'))
  await Promise.all([mallory.synced(), watcher.synced()])
  tiles(mallory).set('5:5', 3)
  tiles(mallory).set('99:99', 2)
  assert.equal((await placeTile(watcher, 1, 1, 2)).ok, true)
  await waitFor('marker reaches mallory', () => tiles(mallory).get('1:1') === 2)
  const fresh = clients.connect(1, BOARD, await token('fresh'))
  await fresh.synced()
  assert.equal(tiles(fresh).get('5:5'), undefined)
  assert.equal(tiles(fresh).get('99:99'), undefined)
})

test('read-only tokens cannot place, and a user is held to the rate limit', async () => {
  const reader = clients.connect(0, BOARD, await token('reader', 'read'))
  await reader.synced()
  const refused = await placeTile(reader, 2, 2, 2)
  assert.equal(refused.ok, false)
  assert.match(refused.reason ?? '', /read-only/)

  const eager = clients.connect(1, BOARD, await token('eager'))
  await eager.synced()
  const answers = []
  for (let i = 0; i < 7; i++) answers.push(await placeTile(eager, 10, i, 3))
  assert.deepEqual(
    answers.map((a) => a.ok),
    [true, true, true, true, true, false, false],
  )
  assert.match(answers[5]?.reason ?? '', /rate limit: at most 5 placements a minute/)
  await waitFor('the five allowed tiles, and not the refused ones', () => {
    const row = [...tiles(reader).keys()].filter((key) => key.startsWith('10:')).sort()
    return row.join() === '10:0,10:1,10:2,10:3,10:4'
  })
})

test('the rate limit is one window across the fleet: a second node does not reset it', async () => {
  const onA = clients.connect(0, BOARD, await token('roamer'))
  const onB = clients.connect(1, BOARD, await token('roamer'))
  await Promise.all([onA.synced(), onB.synced()])
  const answers = []
  for (let i = 0; i < 8; i++) answers.push(await placeTile(i % 2 === 0 ? onA : onB, 20, i, 4))
  assert.deepEqual(
    answers.map((a) => a.ok),
    [true, true, true, true, true, false, false, false],
  )
})

test('placements are in the update log under the user who made them', async () => {
  const response = await fetch(
    `${fleet.nodes[0]?.url}/api/documents/${encodeURIComponent(BOARD)}/history`,
    {
      headers: { Authorization: `Bearer ${await token('auditor', 'read')}` },
    },
  )
  const body = (await response.json()) as { entries: { userId: string | null }[] }
  const users = new Set(body.entries.map((entry) => entry.userId))
  assert.ok(users.has('ada') && users.has('eager'), `logged users: ${[...users].join(', ')}`)
})

/**
 * One client process of scenarios 4 and 5 (density.ts, idleDocs.ts): one client per entry of
 * `docs` (names may repeat), connected `batch` at a time. With `contentChars` > 0 the first
 * client of each document writes that many characters into the Y.Text "text" and one Y.Map
 * entry (a small document rather than an empty one). With `awareness` false every client clears
 * its awareness state once synced (no presence, so no renewal every 15 s). Prints READY when every client is synced,
 * then holds the sockets, idle, until the parent sends STOP; then closes them all.
 * Arguments: a JSON file (clientProcess.ts); writes a JSON result to `out`.
 */

import { childArgs, connectMany, finish, nextLine, signalReady } from '../clientProcess.ts'
import { sleep } from '../clients.ts'
import type { Protocol } from '../fleets.ts'

interface Args {
  protocol: Protocol
  wsUrl: string
  docs: string[]
  batch: number
  contentChars: number
  awareness: boolean
}

const args = childArgs<Args>()
const started = performance.now()
const clients = await connectMany(args.protocol, [args.wsUrl], args.docs, {
  batch: args.batch,
  timeoutMs: 300_000,
  // A user's presence, as the apps publish it: what an idle provider then renews every 15 s.
  ...(args.awareness ? { presence: { name: 'Idle reader', color: '#3366cc' } } : {}),
})
const connectMs = performance.now() - started
if (args.contentChars > 0) {
  const written = new Set<string>()
  clients.forEach((client, index) => {
    const name = args.docs[index] as string
    if (written.has(name)) return
    written.add(name)
    client.doc.transact(() => {
      client.doc
        .getText('text')
        .insert(0, 'lorem ipsum '.repeat(args.contentChars / 12 + 1).slice(0, args.contentChars))
      client.doc.getMap('meta').set('title', name)
    })
  })
  // Until the server has acknowledged what was written.
  while (!clients.every((client) => client.isSynced())) await sleep(50)
}
if (!args.awareness) for (const client of clients) client.leaveAwareness()
signalReady()
while ((await nextLine()) !== 'STOP') {}
const stillSynced = clients.filter((client) => client.isSynced()).length
for (const client of clients) client.destroy()
finish(args, { clients: clients.length, connectMs, stillSynced })

/**
 * Idle clients held open in child processes (idleClients.ts) for scenarios 4 and 5: spread the
 * documents over `procs` processes, wait until every client is synced, and close them on demand.
 */
import { type ClientProcess, spawnClients } from '../clientProcess.ts'
import type { BenchFleet } from '../fleets.ts'

interface IdleResult {
  clients: number
  connectMs: number
  stillSynced: number
}

export async function holdIdleClients(
  fleet: BenchFleet,
  docs: string[],
  options: { procs: number; batch: number; contentChars: number; awareness: boolean },
) {
  const node = fleet.nodes[0] as BenchFleet['nodes'][0]
  const started = performance.now()
  const children: ClientProcess<IdleResult>[] = []
  for (let proc = 0; proc < options.procs; proc++) {
    children.push(
      spawnClients<IdleResult>(
        'scenarios/idleClients.ts',
        {
          protocol: fleet.protocol,
          wsUrl: node.wsUrl,
          docs: docs.filter((_, i) => i % options.procs === proc),
          batch: options.batch,
          contentChars: options.contentChars,
          awareness: options.awareness,
        },
        30 * 60_000,
      ),
    )
  }
  await Promise.all(children.map((child) => child.ready))
  const connectMs = performance.now() - started
  return {
    connectMs,
    /** Closes every client; resolves with how many were still synced when told to stop. */
    async close(): Promise<{ clients: number; stillSynced: number }> {
      for (const child of children) child.send('STOP')
      const results = await Promise.all(children.map((child) => child.result))
      return {
        clients: results.reduce((sum, r) => sum + r.clients, 0),
        stillSynced: results.reduce((sum, r) => sum + r.stillSynced, 0),
      }
    },
  }
}

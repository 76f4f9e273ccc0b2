import type { ManagedProcess } from './ManagedProcess.ts'

/** A server the harness can take away and bring back (failure tests), on the same port and data. */
export interface Restartable {
  process: ManagedProcess
  /** SIGTERM and wait. */
  stop(): Promise<void>
  /** SIGKILL: a crash. */
  kill(): Promise<void>
  /** Launches it again. */
  start(): Promise<void>
  /** Kills it and removes its files. */
  destroy(): Promise<void>
}

export async function restartable(
  launch: () => Promise<ManagedProcess>,
  dir: { remove(): Promise<void> },
  /** The signal of an orderly stop (Postgres: SIGINT, its "fast" shutdown). */
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Promise<Restartable> {
  const service: Restartable = {
    process: await launch(),
    async stop() {
      await service.process.stop(15_000, stopSignal)
    },
    async kill() {
      await service.process.kill()
    },
    async start() {
      service.process = await launch()
    },
    async destroy() {
      await service.process.kill()
      await dir.remove()
    },
  }
  return service
}

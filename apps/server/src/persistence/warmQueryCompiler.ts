import type { PrismaClient } from '@weft/db'

/**
 * Runs one cheap Prisma query as the node starts. Prisma 7 compiles its query compiler
 * (WebAssembly) on a process's first query: 0.3–0.4 s that a fresh node otherwise spends inside
 * its first document load, on that client's first sync (docs/benchmarks.md, scenario 6). The
 * query's result does not matter, nor whether the database is up yet: the compile happens either
 * way, and nothing waits for it.
 */
export function warmQueryCompiler(prisma: PrismaClient): void {
  void prisma.documentUpdate
    .findFirst({ where: { documentName: '' }, select: { id: true } })
    .catch(() => {})
}

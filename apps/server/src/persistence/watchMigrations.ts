/**
 * A node on a shared Postgres does not migrate it (the chart's Job does); it waits until it is
 * migrated. A schema a newer release expanded is fine (the previous image keeps serving during a
 * rolling update or after a rollback, docs/decisions/0050); one it must not run on keeps it unready.
 */
import { type Database, schemaStatus } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Readiness } from '../Readiness.ts'

export function watchMigrations({
  database,
  readiness,
  databaseStatus,
  logger,
}: {
  database: Database
  readiness: Readiness
  databaseStatus: (up: boolean) => void
  logger: Logger
}) {
  let reportedNewer = false
  const check = async () => {
    try {
      const status = await schemaStatus(database.sql)
      databaseStatus(true)
      readiness.setSchemaProblem(status.problem)
      readiness.setMigrationsApplied(status.pending.length === 0)
      if (status.newer.length > 0 && !status.problem && !reportedNewer) {
        reportedNewer = true
        logger.info(
          { newer: status.newer },
          'database has newer additive migrations; running on it',
        )
      }
      if (status.problem) logger.error({ problem: status.problem }, 'cannot run on this database')
      else if (status.pending.length === 0) return
      else
        logger.warn(
          { pending: status.pending },
          'database migrations pending; run npm run db:migrate',
        )
    } catch (error) {
      databaseStatus(false)
      logger.warn({ err: error }, 'cannot check database migrations')
    }
    setTimeout(check, 2_000).unref()
  }
  void check()
}

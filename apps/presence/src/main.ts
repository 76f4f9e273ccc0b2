// `npm run presence`: one presence replica in the foreground (PORT, the Redis variables,
// DATABASE_URL, AUTH_SECRET).
import { ConfigError } from '@weft/config'
import { createPresenceService } from './createPresenceService.ts'
import { parsePresenceConfig } from './presenceConfig.ts'

let config: ReturnType<typeof parsePresenceConfig>
try {
  config = parsePresenceConfig(process.env)
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`weft presence: ${error.message}`)
    process.exit(1)
  }
  throw error
}

const service = await createPresenceService(config)
process.on('unhandledRejection', (reason) =>
  service.logger.error({ err: reason }, 'unhandled rejection'),
)
let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    service.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
const port = await service.listen()
service.logger.info({ port }, `presence service listening on http://localhost:${port}`)

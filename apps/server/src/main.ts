// `npm run server`: one node in the foreground, configured by the environment (platform.md).
import { ConfigError, describeRedis, parseServerConfig } from '@weft/config'
import { WARM_FLAG, warmCompileCache } from './compileCache.ts'
import { createNode } from './createNode.ts'

// Building the image: every module above is loaded by now, and so in NODE_COMPILE_CACHE.
if (process.argv.includes(WARM_FLAG)) {
  await warmCompileCache()
  process.exit(0)
}

let config: ReturnType<typeof parseServerConfig>
try {
  config = parseServerConfig(process.env)
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`weft server: ${error.message}`)
    process.exit(1)
  }
  throw error
}

const node = await createNode(config)
const { logger } = node

// A library bug must not take every user of this node down with it; log it loudly instead.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'signal received')
    node.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}

try {
  const port = await node.listen()
  logger.info(
    {
      port,
      probes: config.managementPort ?? 'on port',
      database: node.database.kind,
      redis: describeRedis(config.redis),
      auth: config.authSecret ? 'tokens required' : 'open dev mode',
    },
    `weft node listening on http://localhost:${port}`,
  )
} catch (error) {
  console.error(
    `weft server: cannot listen on ${config.host}:${config.port}${config.managementPort ? ` (management ${config.managementPort})` : ''}: ${(error as Error).message}`,
  )
  process.exit(1)
}

import { redactingDestination } from '@weft/protocol'
import { type Logger, pino } from 'pino'

export type { Logger }

/**
 * The process's root logger; modules take `logger.child({ module })` so every line says where it
 * came from. Every line is redacted (tokens, Authorization, URL passwords) before it is written.
 */
export function createLogger(options: { level: string; nodeId: string }): Logger {
  return pino({ level: options.level, base: { node: options.nodeId } }, redactingDestination())
}

import type { z } from 'zod'
import { ConfigError } from './ConfigError.ts'

/**
 * Variables whose value is never repeated in an error: secrets, and URLs, which may carry a
 * password (`postgresql://user:password@host`). The message still names the variable and the rule.
 */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|_URL$/

/** Parses `env` with `schema`, turning the first problem into one line naming the variable. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.output<T> {
  // Empty strings mean "unset" so that `FOO= npm run server` behaves like leaving FOO out.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const result = schema.safeParse(cleaned)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const variable = issue?.path.join('.') || 'environment'
  const shown =
    typeof cleaned[variable] === 'string' && !SECRET_NAME.test(variable)
      ? ` (got "${cleaned[variable]}")`
      : ''
  throw new ConfigError(`invalid ${variable}${shown}: ${issue?.message ?? 'invalid value'}`)
}

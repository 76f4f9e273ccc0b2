import type { z } from 'zod'
import { ConfigError } from './ConfigError.ts'

/** Variables whose value may carry a credential (a URL's user:password too): never echoed. */
const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|_URL)$/

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

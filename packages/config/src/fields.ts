/** Env field parsers shared by every deployable, so PORT or REDIS_URL mean the same everywhere. */
import { isIP } from 'node:net'
import { z } from 'zod'

export const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback)

export const urlWithProtocols = (protocols: string[], example: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol)
    } catch {
      return false
    }
  }, `must be a URL like ${example}`)

export const databaseUrl = urlWithProtocols(
  ['postgresql:', 'postgres:'],
  'postgresql://user:pass@host:5432/db',
)
export const redisUrl = urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379')

export const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .positive('must be positive')
    .default(fallback)

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info')

/** A comma-separated setting as its trimmed, non-empty entries (unset or empty: none). */
function commaList() {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
}

/** A comma-separated list of IP addresses or CIDR ranges (TRUSTED_PROXIES). */
export const addressList = commaList().refine(
  (entries) => entries.every((entry) => isAddressOrCidr(entry)),
  'must be IP addresses or CIDR ranges separated by commas, like 10.0.0.0/8,127.0.0.1',
)

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  const bits = Number(prefix)
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128)
}

/** A comma-separated list of origins (`https://app.example.com`), as browsers send them. */
export const originList = commaList().refine(
  (entries) => entries.every((entry) => URL.parse(entry)?.origin === entry),
  'must be origins separated by commas, like https://app.example.com (scheme, host, port; no path)',
)
/**
 * MANAGEMENT_PORT: where /healthz, /readyz and /metrics are served instead of PORT, so a public
 * Ingress or HTTPRoute to PORT never exposes them. Unset: everything stays on PORT.
 */
export const managementPort = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535')
  .optional()

/** DATABASE_POOL_MAX: Postgres connections one process may hold (the chart sums it per pod). */
export const databasePoolMax = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 1000')
  .max(1000, 'must be between 1 and 1000')
  .default(10)

// Random identifiers for things inside documents (grid rows and columns, code files, shapes) and
// for new documents and dev identities. Kept apart from the token code (`@weft/protocol/randomId`)
// so browser bundles take it without jose. crypto.getRandomValues, never crypto.randomUUID: the
// latter exists only in secure contexts, so on a plain-HTTP origin other than localhost (a
// cluster's internal address, an http Ingress) every caller would throw.

/** Lower-case letters and digits. */
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** Lower-case hexadecimal digits (16 divides 256: no bias at all). */
export const HEX = '0123456789abcdef'
/** Letters of both cases and digits. */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters drawn from `alphabet` with the platform's CSPRNG. */
export function randomId(length: number, alphabet: string): string {
  const bytes = new Uint8Array(length)
  crypto.getRandomValues(bytes)
  let out = ''
  // The modulo bias (256 % alphabet length) is irrelevant for identifiers.
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return out
}

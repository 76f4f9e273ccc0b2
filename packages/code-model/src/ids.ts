const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A random id of `length` letters and digits: fits both the project part of a document name
 * (`[A-Za-z0-9_-]{1,64}`) and the file part (`[A-Za-z0-9_.-]{1,128}`), so it never needs escaping.
 * Ids are never derived from paths: a rename or move must not change which document holds a file.
 */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length)
  crypto.getRandomValues(bytes)
  let out = ''
  // 256 % 62 bias is irrelevant for identifiers.
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out
}

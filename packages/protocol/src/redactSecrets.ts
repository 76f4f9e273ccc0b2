/**
 * Log redaction: no log line may carry an access token, an Authorization value or a password in a
 * connection URL (platform.md, security contract). Applied to each finished line, so it covers
 * messages, error stacks and any field a future log call adds, not only the fields we know of.
 */
const RULES: [RegExp, string][] = [
  // JWTs (signed or the unsigned dev tokens): header.payload.signature, base64url JSON.
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted-token]'],
  // `?token=…` / `&access_token=…` in a URL or query, whatever the value looks like.
  [/([?&](?:access_)?token=)[^&\s"'#]*/gi, '$1[redacted]'],
  // `Bearer …` / `Basic …` credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // An `authorization` or `cookie` field of a logged header object.
  [/("(?:authorization|cookie|set-cookie)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, '$1[redacted]"'],
  // The password of a URL such as postgresql://user:password@host.
  [/(\/\/[^/\s:@"]+:)[^@\s"/]+@/g, '$1[redacted]@'],
]

export function redactSecrets(text: string): string {
  let result = text
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement)
  return result
}

/** A log destination that redacts each line before passing it on (pino's second argument). */
export function redactingDestination(out: { write(line: string): unknown } = process.stdout): {
  write(line: string): void
} {
  return { write: (line) => void out.write(redactSecrets(line)) }
}

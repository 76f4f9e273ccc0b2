/**
 * Which browser origins may open a WebSocket or send a state-changing request: the node's own
 * (the Origin's host equals the request's Host) and ALLOWED_ORIGINS. A request without Origin is
 * not from a browser page (CLI tools, other services, y-websocket in Node) and is let through:
 * the check defends against cross-site pages using a browser's credentials, not against clients
 * that hold a token of their own.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true
  if (allowed.includes(origin)) return true
  const parsed = URL.parse(origin)
  return parsed !== null && host !== undefined && parsed.host === host.toLowerCase()
}

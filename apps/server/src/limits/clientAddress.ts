/**
 * The address a connection comes from, for per-source limits. `X-Forwarded-For` is believed only
 * when the peer itself is a trusted proxy (TRUSTED_PROXIES, which the chart sets to the ingress's
 * range); then the client is the rightmost address that is not a trusted proxy, since anything to
 * its left was written by the client and can be forged.
 */
import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'

export type TrustedProxies = BlockList | null

export function trustedProxies(entries: string[]): TrustedProxies {
  if (entries.length === 0) return null
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return list
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one source. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** `peerAddress`: the TCP peer; `forwardedFor`: its X-Forwarded-For header, if any. */
export function clientAddress(
  peerAddress: string | undefined,
  forwardedFor: string | string[] | null | undefined,
  proxies: TrustedProxies,
): string {
  const peer = normalise(peerAddress ?? 'unknown')
  if (!proxies || !isTrusted(proxies, peer)) return peer
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => isIP(hop) !== 0)
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string
    if (!isTrusted(proxies, hop)) return hop
  }
  return hops[0] ?? peer
}

/** The source of a plain Node request (the upgrade listener, HTTP routes). */
export function requestSource(request: IncomingMessage, proxies: TrustedProxies): string {
  return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], proxies)
}

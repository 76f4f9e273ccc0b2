/**
 * The upgrade request as Hocuspocus keeps it for a connection: the same request, but its `url`
 * is the path and query alone.
 *
 * Hocuspocus derives `requestParameters` from `request.url` for every hook it calls — several
 * per message (beforeHandleMessage, onChange, the store hooks) — and for an absolute URL that is
 * a full WHATWG URL parse each time: 5–7 % of a busy node's CPU in the durability burst
 * (docs/benchmarks.md). For a path it splits off the query and reads it with URLSearchParams:
 * the same parameters for a fraction of the work. Everything else (headers, method, …) is the
 * original request's.
 */
export function connectionRequest(request: Request): Request {
  const { pathname, search } = new URL(request.url)
  const url = pathname + search
  return new Proxy(request, {
    get(target, property) {
      if (property === 'url') return url
      const value = Reflect.get(target, property, target)
      // Request's methods check their receiver: call them on the request itself.
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

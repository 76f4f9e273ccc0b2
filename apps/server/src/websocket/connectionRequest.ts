/**
 * The upgrade request as Hocuspocus keeps it for a connection: the same request, but its `url`
 * is the path and the query alone.
 *
 * Hocuspocus derives `requestParameters` from `request.url` on every hook that carries them —
 * several per message (beforeHandleMessage, afterHandleMessage, onChange) — and for an absolute
 * URL that is a full WHATWG URL parse each time: 5–7 % of a busy node's CPU in the durability
 * burst (docs/benchmarks.md). For a url without `://` it splits at the first `?` and reads the
 * rest with URLSearchParams. The query is re-serialised by URLSearchParams, which escapes `:`,
 * `/` and `?`, so that path always gives the parameters the absolute URL gave. Everything else
 * (headers, method, …) is the original request's. One handler serves every connection (the
 * path is looked up by request), so a socket costs the proxy alone (scenario 4's 10,000 sockets).
 */
const paths = new WeakMap<Request, string>()
const handler: ProxyHandler<Request> = {
  get(target, property) {
    if (property === 'url') return paths.get(target)
    const value = Reflect.get(target, property, target)
    // Request's methods check their receiver: call them on the request itself.
    return typeof value === 'function' ? value.bind(target) : value
  },
}

export function connectionRequest(request: Request): Request {
  let url: string
  try {
    const { pathname, searchParams } = new URL(request.url)
    const query = searchParams.toString()
    url = query ? `${pathname}?${query}` : pathname
  } catch {
    // No URL can be made of it (a malformed Host header): left as it was, Hocuspocus refuses
    // the connection on its first message.
    return request
  }
  paths.set(request, url)
  return new Proxy(request, handler)
}

/**
 * The request target of a plain HTTP request, parsed once and only in origin form
 * (`/path?query`). Absolute-form (`http://host/…`) and scheme-relative (`//host/…`) targets are
 * refused: resolved against a base they replace the host, which is how a forwarded request could
 * leave for a host the client chose. A path whose escapes do not decode is refused too, so no
 * handler downstream meets a `decodeURIComponent` that throws.
 */
export type TargetProblem = 'not-origin-form' | 'malformed-escape'

export type ParsedTarget = { ok: true; url: URL } | { ok: false; problem: TargetProblem }

/** Only the origin matters to URL here: the host of the result is never used. */
const PLACEHOLDER_ORIGIN = 'http://node.invalid'

export function parseRequestTarget(target: string | undefined): ParsedTarget {
  if (target?.[0] !== '/' || target[1] === '/' || target[1] === '\\') {
    return { ok: false, problem: 'not-origin-form' }
  }
  const url = URL.parse(target, PLACEHOLDER_ORIGIN)
  if (!url || url.origin !== PLACEHOLDER_ORIGIN) return { ok: false, problem: 'not-origin-form' }
  try {
    decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, problem: 'malformed-escape' }
  }
  return { ok: true, url }
}

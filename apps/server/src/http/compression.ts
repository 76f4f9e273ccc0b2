/**
 * Response compression for the node's text answers (pages, scripts, styles, JSON): brotli when
 * the client accepts it, else gzip, else none, by the request's Accept-Encoding (q=0 refuses).
 * Already-compressed types (images other than SVG, fonts, archives) and tiny bodies go as they
 * are. Every compressible answer says `Vary: Accept-Encoding` so caches keep the variants apart.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export type Encoding = 'br' | 'gzip'

/** Below this, compression saves less than the header costs. */
const MIN_BYTES = 1024

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm|xml)|image\/svg\+xml)/

export function isCompressible(contentType: string | undefined): boolean {
  return COMPRESSIBLE.test(contentType ?? '')
}

/** The encoding to use for a request, or null: br over gzip, both only when not refused. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const accepted = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const allows = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (allows('br')) return 'br'
  if (allows('gzip')) return 'gzip'
  return null
}

/**
 * Compresses `body` at the given effort: `static` for files compressed once and cached (highest
 * brotli quality), `dynamic` for answers made per request (quality 5: most of the saving for a
 * fraction of the time).
 */
export function compress(body: Buffer, encoding: Encoding, effort: 'static' | 'dynamic'): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: effort === 'static' ? 9 : 6 })
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'static' ? 11 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  })
}

/**
 * Writes a whole answer, compressed when the type and the request allow it. The request is the
 * one Node attached to the response.
 */
export function sendBody(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string | Buffer,
  encoded?: (encoding: Encoding) => Buffer,
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const contentType = String(headers['Content-Type'] ?? headers['content-type'] ?? '')
  if (!isCompressible(contentType)) {
    response.writeHead(status, { ...headers, 'Content-Length': bytes.length })
    response.end(bytes)
    return
  }
  const request = (response as ServerResponse & { req?: IncomingMessage }).req
  const encoding =
    bytes.length >= MIN_BYTES ? chooseEncoding(request?.headers['accept-encoding']) : null
  const out = encoding ? (encoded?.(encoding) ?? compress(bytes, encoding, 'dynamic')) : bytes
  response.writeHead(status, {
    ...headers,
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    'Content-Length': out.length,
  })
  response.end(out)
}

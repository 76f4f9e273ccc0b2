/**
 * Serves the built web apps (apps/<app>/dist) under /<app>/…: files when they exist, the app's
 * index.html for any other path (client-side routes such as /grid/<id>).
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { compress, type Encoding, isCompressible, sendBody } from './compression.ts'
import { htmlHeaders, newNonce } from './securityHeaders.ts'

export const WEB_APPS = ['grid', 'code', 'canvas'] as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * A text file of an app's dist with its compressed variants, made once at the highest effort
 * (brotli 11 takes ~1 s for the Code app's largest chunk: never per request). Keyed by path;
 * a rebuilt file (new mtime or size) replaces its entry. The dists are a few MB in all.
 */
interface CachedFile {
  version: string
  body: Buffer
  encoded: Partial<Record<Encoding, Buffer>>
}
const textFiles = new Map<string, CachedFile>()

async function cachedText(path: string): Promise<CachedFile> {
  const info = await stat(path)
  const version = `${info.mtimeMs}:${info.size}`
  const cached = textFiles.get(path)
  if (cached?.version === version) return cached
  const entry: CachedFile = { version, body: await readFile(path), encoded: {} }
  textFiles.set(path, entry)
  return entry
}

/** Returns false when `pathname` is not an app path or the app is not built. */
export async function serveApp(
  appsDir: string,
  pathname: string,
  response: ServerResponse,
  page: { frameAncestors: string; openDevMode: boolean } = {
    frameAncestors: "'none'",
    openDevMode: false,
  },
): Promise<boolean> {
  const [, app, ...rest] = pathname.split('/')
  if (!app || !(WEB_APPS as readonly string[]).includes(app)) return false
  const dist = join(appsDir, app, 'dist')
  const index = join(dist, 'index.html')
  if (!(await isFile(index))) return false
  const requested = normalize(join(dist, decodeURIComponent(rest.join('/'))))
  const inside = requested.startsWith(dist + sep)
  const file = inside && (await isFile(requested)) ? requested : index
  if (file === index) {
    // The page carries a fresh nonce (a meta tag) that the Code app gives the scripts of its
    // preview, a srcdoc frame that inherits this page's CSP; other scripts must come from here.
    // Open dev mode is announced the same way, for the apps' DevModeBanner.
    const nonce = newNonce()
    const devMode = page.openDevMode ? '<meta name="weft-auth" content="open-dev-mode">' : ''
    const html = (await readFile(index, 'utf8')).replace(
      '<head>',
      `<head><meta name="csp-nonce" content="${nonce}">${devMode}`,
    )
    sendBody(
      response,
      200,
      {
        ...htmlHeaders({ frameAncestors: page.frameAncestors, nonce, wasm: app === 'code' }),
        'Cache-Control': 'no-cache',
      },
      html,
    )
    return true
  }
  const hashedAsset = file.includes(`${sep}assets${sep}`)
  const headers = {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite fingerprints assets, so they never change; index.html must always be fresh.
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  }
  if (isCompressible(headers['Content-Type'])) {
    const cached = await cachedText(file)
    sendBody(response, 200, headers, cached.body, (encoding) => {
      cached.encoded[encoding] ??= compress(cached.body, encoding, 'static')
      return cached.encoded[encoding]
    })
    return true
  }
  response.writeHead(200, headers)
  createReadStream(file).pipe(response)
  return true
}

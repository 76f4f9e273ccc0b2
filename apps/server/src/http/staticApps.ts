/**
 * Serves the built web apps (apps/<app>/dist) under /<app>/…: files when they exist, the app's
 * index.html for any other path (client-side routes such as /grid/<id>).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

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

/** Returns false when `pathname` is not an app path or the app is not built. */
export async function serveApp(
  appsDir: string,
  pathname: string,
  response: ServerResponse,
): Promise<boolean> {
  const [, app, ...rest] = pathname.split('/')
  if (!app || !(WEB_APPS as readonly string[]).includes(app)) return false
  const dist = join(appsDir, app, 'dist')
  const index = join(dist, 'index.html')
  if (!(await isFile(index))) return false
  const requested = normalize(join(dist, decodeURIComponent(rest.join('/'))))
  const inside = requested.startsWith(dist + sep)
  const file = inside && (await isFile(requested)) ? requested : index
  const hashedAsset = file !== index && file.includes(`${sep}assets${sep}`)
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite fingerprints assets, so they never change; index.html must always be fresh.
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(file).pipe(response)
  return true
}

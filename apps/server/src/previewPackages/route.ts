/**
 * GET /preview-packages/…: the library files the Code preview imports (React, Vue, Svelte and
 * esbuild's WebAssembly bundler), built by `npm run build` from this node's installed copies
 * (scripts/buildPreviewPackages.ts). `manifest.json` (no-cache) maps import specifiers to
 * content-hashed files, each served immutable, only when the manifest lists it (fileName.ts).
 * The preview frame is sandboxed without an origin, so it fetches module scripts in CORS mode:
 * these public, read-only files say `Access-Control-Allow-Origin: *`. Every file has brotli and
 * gzip variants made at build time (the 14 MB WebAssembly file must never be compressed on a
 * request: that would block the node for seconds). Large files exist only compressed; a client
 * that accepts neither encoding gets the gzip variant decompressed as it streams.
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join } from 'node:path'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { chooseEncoding, type Encoding, sendBody } from '../http/compression.ts'
import { sendError } from '../http/sendError.ts'
import { requestedFileName } from './fileName.ts'
import { MANIFEST_FILE, type PreviewManifest, publicManifest } from './manifest.ts'

export const PREVIEW_PACKAGES_PREFIX = '/preview-packages/'

/** Where `npm run build` puts them, under the apps directory the node serves from. */
export function previewPackagesDir(appsDir: string): string {
  return join(appsDir, 'server', 'dist', 'preview-packages')
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
}

type Loaded = { version: string; manifest: PreviewManifest; files: Set<string> }
const loaded = new Map<string, Loaded>()

/** The directory's manifest, re-read when a build replaced it; null when nothing was built. */
async function manifestOf(dir: string): Promise<Loaded | null> {
  const path = join(dir, MANIFEST_FILE)
  let version: string
  try {
    const info = await stat(path)
    version = `${info.mtimeMs}:${info.size}`
  } catch {
    return null
  }
  const cached = loaded.get(dir)
  if (cached?.version === version) return cached
  const manifest = JSON.parse(await readFile(path, 'utf8')) as PreviewManifest
  const entry = { version, manifest, files: new Set(manifest.files) }
  loaded.set(dir, entry)
  return entry
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? info.size : null
  } catch {
    return null
  }
}

/** Answers a /preview-packages/ request; false for any other path. */
export async function servePreviewPackage(
  dir: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (!pathname.startsWith(PREVIEW_PACKAGES_PREFIX)) return false
  const built = await manifestOf(dir)
  if (!built) {
    sendError(request, response, 404, 'the preview packages are not built (run npm run build)')
    return true
  }
  const rest = pathname.slice(PREVIEW_PACKAGES_PREFIX.length)
  if (rest === MANIFEST_FILE) {
    // no-cache: a new build changes it (the files it names never change).
    const body = JSON.stringify(publicManifest(built.manifest, PREVIEW_PACKAGES_PREFIX))
    sendBody(
      response,
      200,
      { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' },
      body,
    )
    return true
  }
  const name = requestedFileName(rest, built.files)
  const type = name ? TYPES[extname(name)] : undefined
  if (!name || !type) {
    sendError(request, response, 404, 'no such preview package file')
    return true
  }
  const encoding = chooseEncoding(request.headers['accept-encoding'])
  const variants: { path: string; encoding: Encoding | null }[] = encoding
    ? [{ path: join(dir, `${name}.${encoding === 'br' ? 'br' : 'gz'}`), encoding }]
    : []
  variants.push({ path: join(dir, name), encoding: null })
  const headers = {
    'Content-Type': type,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Access-Control-Allow-Origin': '*',
    Vary: 'Accept-Encoding',
  }
  for (const variant of variants) {
    const size = await sizeOf(variant.path)
    if (size === null) continue
    response.writeHead(200, {
      ...headers,
      'Content-Length': size,
      ...(variant.encoding ? { 'Content-Encoding': variant.encoding } : {}),
    })
    if (request.method === 'HEAD') response.end()
    else createReadStream(variant.path).pipe(response)
    return true
  }
  // Stored compressed only (large files): plain bytes for a client that accepts no encoding.
  const gzipped = join(dir, `${name}.gz`)
  if ((await sizeOf(gzipped)) !== null) {
    response.writeHead(200, headers)
    if (request.method === 'HEAD') response.end()
    else pipeline(createReadStream(gzipped), createGunzip(), response, () => {})
    return true
  }
  sendError(request, response, 404, 'no such preview package file')
  return true
}

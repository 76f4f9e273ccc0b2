/**
 * Browser-side protection for everything a node serves: no MIME sniffing and no Referer (a URL
 * may still carry `?token=` when it arrives) on every response, and on HTML a Content Security
 * Policy: scripts only from this origin (plus, per page, the hash of its own inline script or a
 * per-response nonce), no plugins, no framing unless FRAME_ANCESTORS says otherwise.
 */
import { createHash, randomBytes } from 'node:crypto'

export const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const

export interface CspOptions {
  /** CSP frame-ancestors sources; `'none'` unless the operator allows embedding. */
  frameAncestors: string
  /** A nonce the page may give to scripts it writes itself (the Code preview). */
  nonce?: string
  /**
   * Allows compiling WebAssembly (not eval): the Code app's in-browser bundler is esbuild's
   * WebAssembly build, run in a worker that inherits this policy.
   */
  wasm?: boolean
  /** Inline scripts of the page, allowed by hash. */
  inlineScripts?: string[]
}

export function contentSecurityPolicy(options: CspOptions): string {
  const scripts = ["'self'"]
  if (options.nonce) scripts.push(`'nonce-${options.nonce}'`)
  if (options.wasm) scripts.push("'wasm-unsafe-eval'")
  for (const script of options.inlineScripts ?? []) {
    scripts.push(`'sha256-${createHash('sha256').update(script).digest('base64')}'`)
  }
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    // CodeMirror and the apps set styles at run time (style elements and attributes).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers ws:/wss: to this host in current browsers (CSP Level 3).
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
  ].join('; ')
}

export function htmlHeaders(options: CspOptions): Record<string, string> {
  return {
    ...COMMON_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(options),
  }
}

export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

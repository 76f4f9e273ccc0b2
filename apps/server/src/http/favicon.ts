/**
 * The icon every page shows in its tab: one SVG, served at /favicon.svg (what the pages link)
 * and at /favicon.ico (what a browser asks for when a page links none, e.g. a JSON answer), so
 * no page load ends in a 404.
 */
import type { ServerResponse } from 'node:http'
import { sendBody } from './compression.ts'

export const FAVICON_PATHS = ['/favicon.svg', '/favicon.ico']

/** A woven "W": two warp threads under one weft, in the apps' accent colour. */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#1f4fd1"/>
<path d="M6 9l5 14 5-10 5 10 5-14" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`

export function sendFavicon(response: ServerResponse): void {
  sendBody(
    response,
    200,
    { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' },
    SVG,
  )
}

/**
 * The preview's console, carried out of the sandboxed frame. A script that runs before the
 * project's own replaces `console.*` and catches uncaught errors and rejections (preventDefault,
 * so they are not also reported in the browser's console, where the user would look for the
 * app's own problems), and posts each as `{ weftPreview: 1, level, text }` to the app. The frame
 * has no origin, so the app accepts messages only from that frame's window (see Preview.tsx).
 */
export const CONSOLE_BRIDGE = `(function () {
  var MAX = ${2_000};
  function show(v) {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return v.name + ': ' + v.message;
    try { var s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
  }
  function send(level, args) {
    var text = Array.prototype.map.call(args, show).join(' ');
    try { parent.postMessage({ weftPreview: 1, level: level, text: text.slice(0, MAX) }, '*'); } catch (e) {}
  }
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    console[level] = function () { send(level, arguments); };
  });
  window.addEventListener('error', function (e) {
    e.preventDefault();
    send('uncaught', [e.error instanceof Error ? e.error : e.message]);
  });
  window.addEventListener('unhandledrejection', function (e) {
    e.preventDefault();
    send('uncaught', ['Unhandled rejection: ' + show(e.reason)]);
  });
})();`

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'uncaught'
export type ConsoleEntry = { level: ConsoleLevel; text: string }

const LEVELS = new Set<string>(['log', 'info', 'warn', 'error', 'debug', 'uncaught'])

/** A console entry from a message the preview posted, or null for anything else. */
export function consoleEntry(data: unknown): ConsoleEntry | null {
  if (typeof data !== 'object' || data === null) return null
  const { weftPreview, level, text } = data as Record<string, unknown>
  if (weftPreview !== 1 || typeof level !== 'string' || !LEVELS.has(level)) return null
  if (typeof text !== 'string') return null
  return { level: level as ConsoleLevel, text: text.slice(0, 2_000) }
}

/** The page with the bridge as its very first script (before any of the project's). */
export function withConsoleBridge(page: string): string {
  const tag = `<script>${CONSOLE_BRIDGE}</script>`
  const head = /<head\b[^>]*>/i.exec(page)
  if (head)
    return (
      page.slice(0, head.index + head[0].length) + tag + page.slice(head.index + head[0].length)
    )
  return tag + page
}

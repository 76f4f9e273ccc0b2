/** GRID_IMPORT_MAX_BYTES's default, used when the page does not say (the dev server). */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024

/** The largest file the Grid imports, as the server's page states it (GRID_IMPORT_MAX_BYTES). */
export function importMaxBytes(): number {
  const meta = document.querySelector('meta[name="weft-grid-import-max-bytes"]')
  const n = Number(meta?.getAttribute('content'))
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_IMPORT_MAX_BYTES
}

/** "12.5 MB": a size as the import messages state it. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
}

/** Why a file cannot be imported because of its size, or null when it can. */
export function sizeProblem(file: { name: string; size: number }, max: number): string | null {
  if (file.size <= max) return null
  return `${file.name} is ${describeBytes(file.size)}; files up to ${describeBytes(max)} can be imported. Nothing was imported.`
}

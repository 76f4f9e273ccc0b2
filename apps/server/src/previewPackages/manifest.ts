/**
 * What `npm run build` wrote into the preview packages directory (manifest.json), and what the
 * Code app reads from /preview-packages/manifest.json to make the preview's import map.
 */
export interface PreviewManifest {
  version: 1
  /** Import specifier → file name in the directory. */
  imports: Record<string, string>
  /** Package → the installed version that was built. */
  packages: Record<string, string>
  /** esbuild's WebAssembly binary for the browser bundler, by file name. */
  esbuildWasm: string
  /** Every file the route may serve (the allowlist), content-hashed names. */
  files: string[]
}

export const MANIFEST_FILE = 'manifest.json'

/** The manifest as sent to browsers: file names become absolute paths under `prefix`. */
export function publicManifest(manifest: PreviewManifest, prefix: string) {
  return {
    imports: Object.fromEntries(
      Object.entries(manifest.imports).map(([specifier, file]) => [specifier, prefix + file]),
    ),
    packages: manifest.packages,
    esbuildWasm: prefix + manifest.esbuildWasm,
  }
}

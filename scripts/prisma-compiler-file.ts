// The generated Prisma client gets its query compiler (WebAssembly) from a module that holds it
// as one 4.5 MB base64 string: once imported, every node keeps that module's source and the
// string itself, 9 MB of heap, for as long as it runs (decision 0211). This step writes the
// compiler as a plain `.wasm` file beside the generated client and points the client at it, so a
// node reads the bytes, compiles them and keeps nothing else.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** The generated loader this step replaces, as `prisma-client` 7 writes it. */
const EMBEDDED_LOADER =
  /getQueryCompilerWasmModule: async \(\) => \{\n\s*const \{ wasm \} = await import\("([^"]+)"\)\n\s*return await decodeBase64AsWasm\(wasm\)\n\s*\},/

export const COMPILER_FILE = 'query_compiler.wasm'

/**
 * Rewrites `<generatedDir>/internal/class.ts` to read `<generatedDir>/internal/query_compiler.wasm`,
 * decoded from the base64 module the generator named. `resolveFrom` is a file whose
 * `node_modules` hold `@prisma/client` (packages/db). Throws if the generated loader is not the
 * one expected, so that a Prisma upgrade that changes it fails the generate step loudly.
 */
export function loadCompilerFromFile(generatedDir: string, resolveFrom: string): void {
  const classFile = join(generatedDir, 'internal', 'class.ts')
  const source = readFileSync(classFile, 'utf8')
  if (source.includes(COMPILER_FILE)) return
  const match = EMBEDDED_LOADER.exec(source)
  if (!match)
    throw new Error(
      `prisma-compiler-file: ${classFile} has no embedded compiler loader to replace; see decision 0211`,
    )
  const base64Module = createRequire(resolveFrom).resolve(match[1] as string)
  const text = readFileSync(base64Module, 'latin1')
  const bytes = Buffer.from(text.slice(text.indexOf('"') + 1, text.lastIndexOf('"')), 'base64')
  if (!WebAssembly.validate(bytes))
    throw new Error(`prisma-compiler-file: ${base64Module} did not decode to WebAssembly`)
  writeFileSync(join(generatedDir, 'internal', COMPILER_FILE), bytes)
  const loader = `getQueryCompilerWasmModule: async () => {
    // Read from a file, not imported as base64: the node keeps no 9 MB of text (decision 0211).
    const { readFile } = await import('node:fs/promises')
    return new WebAssembly.Module(await readFile(new URL('./${COMPILER_FILE}', import.meta.url)))
  },`
  writeFileSync(classFile, source.replace(EMBEDDED_LOADER, loader))
}

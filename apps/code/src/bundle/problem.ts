/** A build error as the preview's overlay shows it: where (when known) and what. */
export type BuildProblem = {
  file: string | null
  line: number | null
  column: number | null
  text: string
}

/** `src/App.jsx:3:7` (1-based line and column), or just the file, or ''. */
export function problemPlace(p: BuildProblem): string {
  if (!p.file) return ''
  if (p.line === null) return p.file
  return `${p.file}:${p.line}${p.column === null ? '' : `:${p.column + 1}`}`
}

/**
 * A compiler's error thrown while loading a file, with its position (1-based line, 0-based
 * column, as esbuild counts), for the bundler to report as that file's error.
 */
export class CompileProblem extends Error {
  readonly line: number | null
  readonly column: number | null
  constructor(message: string, line: number | null, column: number | null) {
    super(message)
    this.line = line
    this.column = column
  }
}

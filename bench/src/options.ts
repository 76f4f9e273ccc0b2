/** What every scenario receives from the command line (main.ts parses it). */
export interface BenchOptions {
  repeat: number
  cpuProf: boolean
  /** Scenario-specific knobs: --set key=value. */
  settings: Record<string, string>
}

import type { Point } from './geometry.ts'

/** What each client publishes in awareness besides `user`. */
export type CanvasAwareness = { cursor?: Point | null; selection?: string[] }

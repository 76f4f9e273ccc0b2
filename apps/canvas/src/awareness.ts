import type { Point } from './geometry.ts'

/** What each client publishes in awareness besides `user` (`drag`: liveDrag.ts, read with readDrag). */
export type CanvasAwareness = { cursor?: Point | null; selection?: string[]; drag?: unknown }

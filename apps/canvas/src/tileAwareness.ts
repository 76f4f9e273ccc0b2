import type { TileAt } from './tilePlacer.ts'

/** What each client publishes in awareness on a tile board besides `user`. */
export type TileAwareness = { hover?: TileAt | null }

export const SHAPE_TYPES = [
  'rect',
  'ellipse',
  'line',
  'arrow',
  'freehand',
  'text',
  'sticky',
  'image',
] as const
export type ShapeType = (typeof SHAPE_TYPES)[number]

export type ShapeStyle = {
  /** Outline (and text) colour, CSS colour string. */
  stroke: string
  /** Fill colour or `'none'`. */
  fill: string
  strokeWidth: number
}

/**
 * One shape as read from the document. Geometry is the unrotated bounding box (x, y, w, h) in
 * canvas units plus a rotation in degrees about its centre. `points` (line, arrow, freehand) are
 * flat [x0, y0, x1, y1, …] pairs normalised to the box (0..1), so a resize scales them.
 */
export type Shape = ShapeStyle & {
  id: string
  type: ShapeType
  x: number
  y: number
  w: number
  h: number
  rotation: number
  /** Fractional paint-order key (see zKey.ts). */
  z: string
  points: number[]
  text: string
  fontSize: number
  /**
   * Image shapes: the id (sha-256 hex of the bytes) of the image stored as an asset of this
   * document on the server (docs/canvas-assets.md). Absent on other shapes.
   */
  asset?: string
  /**
   * The group the shape belongs to (absent: none). A group is the set of shapes sharing this id;
   * it has no entry of its own (docs/decisions/0152).
   */
  group?: string
  /** An arrow's first / last point held to a shape (see `Binding`). */
  startBinding?: Binding
  endBinding?: Binding
}

/**
 * An arrow end bound to a shape: `id` is the shape, (`x`, `y`) the point of that shape's box the
 * end sits on, as fractions of its width and height (0..1), so it follows moves and resizes.
 */
export type Binding = { id: string; x: number; y: number }

export type ShapeInit = Pick<Shape, 'type' | 'x' | 'y' | 'w' | 'h'> &
  Partial<Omit<Shape, 'id' | 'z' | 'type' | 'x' | 'y' | 'w' | 'h'>>

export type ShapePatch = Partial<Omit<Shape, 'id' | 'type'>>

export type TileBoardConfig = {
  cols: number
  rows: number
  /** Allowed colours; a tile holds an index into this list. */
  palette: string[]
}

export type CanvasMode = 'free' | 'tiles'

/** A plain, JSON-friendly view of the whole document (tests, export, debugging). */
export type CanvasSnapshot = {
  mode: CanvasMode
  shapes: Shape[]
  board: TileBoardConfig | null
  tiles: Record<string, number>
}

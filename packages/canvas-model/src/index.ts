export {
  CANVAS_ROOTS,
  CanvasModel,
  compareShapes,
  DEFAULT_STYLE,
  isShapeBox,
  newShapeId,
  type ShapeBox,
  tileKey,
} from './CanvasModel.ts'
export type {
  CanvasMode,
  CanvasSnapshot,
  Shape,
  ShapeInit,
  ShapePatch,
  ShapeStyle,
  ShapeType,
  TileBoardConfig,
} from './types.ts'
export { SHAPE_TYPES } from './types.ts'
export type { CanvasIssue } from './validate.ts'
export { CANVAS_LIMITS, validateBoardConfig, validateCanvas, validateTile } from './validate.ts'
export { isZKey, zKeyBetween } from './zKey.ts'

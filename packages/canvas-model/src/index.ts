export { assetsUsed, isAssetId } from './assetId.ts'
export { bindingTo, boundPoint, resolveArrow } from './bindings.ts'
export {
  CANVAS_ROOTS,
  CanvasModel,
  newGroupId,
  newShapeId,
  tileKey,
} from './CanvasModel.ts'
export { IMAGE_TYPES, type ImageType, imageTypeOf } from './imageType.ts'
export { compareShapes } from './paintOrder.ts'
export { DEFAULT_STYLE, isBinding, isShapeBox, type ShapeBox } from './readShape.ts'
export { sameShape } from './ShapeCache.ts'
export type {
  Binding,
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
export type { CanvasChange, CanvasIssue } from './validate.ts'
export {
  CANVAS_LIMITS,
  validateBoardConfig,
  validateCanvas,
  validateCanvasChange,
  validateTile,
} from './validate.ts'
export { isZKey, zKeyBetween } from './zKey.ts'

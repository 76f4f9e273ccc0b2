import type * as Y from 'yjs'
import { isAssetId } from './assetId.ts'
import { CANVAS_ROOTS, tileKey } from './CanvasModel.ts'
import { GROUP_ID, isBinding, isShapeBox } from './readShape.ts'
import { SHAPE_TYPES, type ShapeType, type TileBoardConfig } from './types.ts'
import { isZKey } from './zKey.ts'

/** Limits a server enforces on canvas documents. */
export const CANVAS_LIMITS = {
  maxBoardSide: 256,
  maxPalette: 64,
  maxShapes: 20_000,
  maxPoints: 20_000,
  maxText: 10_000,
} as const

const COLOUR = /^(#[0-9a-fA-F]{3,8}|none|transparent)$/

export type CanvasIssue = { path: string; problem: string }

/** Problems with a tile-board config; empty when it is usable. */
export function validateBoardConfig(config: unknown): CanvasIssue[] {
  const issues: CanvasIssue[] = []
  const b = config as Partial<TileBoardConfig> | null
  if (!b || typeof b !== 'object') return [{ path: 'board', problem: 'not an object' }]
  for (const side of ['cols', 'rows'] as const) {
    const v = b[side]
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > CANVAS_LIMITS.maxBoardSide) {
      issues.push({
        path: `board.${side}`,
        problem: `must be an integer 1..${CANVAS_LIMITS.maxBoardSide}`,
      })
    }
  }
  const p = b.palette
  if (!Array.isArray(p) || p.length < 1 || p.length > CANVAS_LIMITS.maxPalette) {
    issues.push({
      path: 'board.palette',
      problem: `must list 1..${CANVAS_LIMITS.maxPalette} colours`,
    })
  } else {
    p.forEach((c, i) => {
      if (typeof c !== 'string' || !COLOUR.test(c) || c === 'none') {
        issues.push({ path: `board.palette.${i}`, problem: 'not a #hex colour' })
      }
    })
  }
  return issues
}

/** Whether one tile write is inside the board and uses a palette entry. */
export function validateTile(board: TileBoardConfig, key: string, value: unknown): CanvasIssue[] {
  const m = /^(\d+):(\d+)$/.exec(key)
  const row = Number(m?.[1])
  const col = Number(m?.[2])
  if (!m || tileKey(row, col) !== key) return [{ path: `tiles.${key}`, problem: 'bad tile key' }]
  if (row >= board.rows || col >= board.cols) {
    return [{ path: `tiles.${key}`, problem: `outside the ${board.rows}×${board.cols} board` }]
  }
  if (
    !Number.isInteger(value) ||
    (value as number) < 0 ||
    (value as number) >= board.palette.length
  ) {
    return [{ path: `tiles.${key}`, problem: 'not a palette index' }]
  }
  return []
}

function validateShape(id: string, m: Y.Map<unknown>): CanvasIssue[] {
  const issues: CanvasIssue[] = []
  const at = (f: string) => `shapes.${id}.${f}`
  if (!SHAPE_TYPES.includes(m.get('type') as ShapeType)) {
    issues.push({ path: at('type'), problem: 'unknown shape type' })
  }
  const box = m.get('box')
  if (box !== undefined) {
    if (!isShapeBox(box)) {
      issues.push({ path: at('box'), problem: 'not { x, y, w, h } of finite numbers' })
    } else {
      if (box.w < 0) issues.push({ path: at('box.w'), problem: 'negative' })
      if (box.h < 0) issues.push({ path: at('box.h'), problem: 'negative' })
    }
  }
  // x, y, w, h: the legacy separate geometry keys of documents written before `box`.
  for (const f of ['x', 'y', 'w', 'h', 'rotation', 'strokeWidth', 'fontSize']) {
    const v = m.get(f)
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      issues.push({ path: at(f), problem: 'not a finite number' })
    }
  }
  for (const f of ['w', 'h', 'strokeWidth']) {
    const v = m.get(f)
    if (typeof v === 'number' && v < 0) issues.push({ path: at(f), problem: 'negative' })
  }
  if (!isZKey(m.get('z'))) issues.push({ path: at('z'), problem: 'not a z key' })
  for (const f of ['stroke', 'fill']) {
    const v = m.get(f)
    if (v !== undefined && (typeof v !== 'string' || !COLOUR.test(v))) {
      issues.push({ path: at(f), problem: 'not a colour' })
    }
  }
  const points = m.get('points')
  if (
    points !== undefined &&
    (!Array.isArray(points) ||
      points.length % 2 !== 0 ||
      points.length > CANVAS_LIMITS.maxPoints * 2 ||
      !points.every((p) => typeof p === 'number' && Number.isFinite(p)))
  ) {
    issues.push({ path: at('points'), problem: 'not an even list of numbers within limits' })
  }
  const text = m.get('text')
  if (text !== undefined && (typeof text !== 'string' || text.length > CANVAS_LIMITS.maxText)) {
    issues.push({ path: at('text'), problem: 'not a string within limits' })
  }
  // An image names its bytes by id; whether the server holds them is the server's check (CanvasGuard).
  const asset = m.get('asset')
  if (m.get('type') === 'image' ? !isAssetId(asset) : asset !== undefined) {
    issues.push({
      path: at('asset'),
      problem:
        m.get('type') === 'image' ? 'not an asset id (sha-256 hex)' : 'only images have an asset',
    })
  }
  const group = m.get('group')
  if (group !== undefined && (typeof group !== 'string' || !GROUP_ID.test(group))) {
    issues.push({ path: at('group'), problem: 'not a group id' })
  }
  for (const f of ['startBinding', 'endBinding']) {
    const v = m.get(f)
    if (v === undefined) continue
    if (m.get('type') !== 'arrow') issues.push({ path: at(f), problem: 'only arrows bind' })
    else if (!isBinding(v)) {
      issues.push({ path: at(f), problem: 'not { id, x, y } with x, y in 0..1' })
    } else if (v.id === id) issues.push({ path: at(f), problem: 'an arrow cannot bind to itself' })
  }
  return issues
}

/**
 * Every problem in a canvas document: malformed shapes, and in tile mode a board outside the
 * limits or tiles outside the board or palette. What the server checks before accepting state.
 */
export function validateCanvas(doc: Y.Doc): CanvasIssue[] {
  const shapes = doc.getMap<unknown>(CANVAS_ROOTS.shapes)
  return validateCanvasChange(doc, { shapes: shapes.keys(), board: true })
}

/** What one update touched: the shapes it added or changed, and whether meta or tiles changed. */
export interface CanvasChange {
  shapes: Iterable<string>
  board: boolean
}

/**
 * The problems a change brought: only the touched shapes are read (a drag step on a board of
 * 5,000 shapes checks one), plus the shape count, and the board and tiles when they changed.
 * Touched shapes that no longer exist (deleted) have nothing to check.
 */
export function validateCanvasChange(doc: Y.Doc, change: CanvasChange): CanvasIssue[] {
  const issues: CanvasIssue[] = []
  const shapes = doc.getMap<unknown>(CANVAS_ROOTS.shapes)
  if (shapes.size > CANVAS_LIMITS.maxShapes) {
    issues.push({ path: 'shapes', problem: `more than ${CANVAS_LIMITS.maxShapes} shapes` })
  }
  for (const id of change.shapes) {
    if (!shapes.has(id)) continue
    const m = shapes.get(id)
    if (!m || typeof (m as Y.Map<unknown>).get !== 'function') {
      issues.push({ path: `shapes.${id}`, problem: 'not a map' })
      continue
    }
    issues.push(...validateShape(id, m as Y.Map<unknown>))
  }
  if (change.board) issues.push(...validateBoard(doc))
  return issues
}

function validateBoard(doc: Y.Doc): CanvasIssue[] {
  const issues: CanvasIssue[] = []
  const meta = doc.getMap<unknown>(CANVAS_ROOTS.meta)
  const mode = meta.get('mode')
  if (mode !== undefined && mode !== 'free' && mode !== 'tiles') {
    issues.push({ path: 'meta.mode', problem: 'unknown mode' })
  }
  const tiles = doc.getMap<unknown>(CANVAS_ROOTS.tiles)
  const board = meta.get('board')
  if (board === undefined) {
    if (mode === 'tiles') issues.push({ path: 'board', problem: 'tile mode without a board' })
    if (tiles.size > 0) issues.push({ path: 'tiles', problem: 'tiles without a board' })
    return issues
  }
  const boardIssues = validateBoardConfig(board)
  issues.push(...boardIssues)
  if (boardIssues.length === 0) {
    for (const [key, value] of tiles)
      issues.push(...validateTile(board as TileBoardConfig, key, value))
  }
  return issues
}

/**
 * Inline text editing, decided apart from React: what an open editor shows (its box on the
 * canvas) and what closing it writes. The text is written once, when the editor commits, so
 * others see the committed text and never a half-typed word (docs/decisions/0150).
 */
import type { Shape, ShapeInit, ShapePatch, ShapeStyle } from '@weft/canvas-model'
import type { Box, Point } from './geometry.ts'
import { textEdit, textShape } from './gestures.ts'
import { textBox } from './tools.ts'

/** An open editor: for a shape being edited (`id`), or for a new one placed at `at`. */
export type TextEditing =
  | { kind: 'new'; tool: 'text' | 'sticky'; at: Point }
  | { kind: 'edit'; id: string }

/** What closing the editor with `text` writes. */
export type TextCommit =
  | { kind: 'none' }
  | { kind: 'add'; init: ShapeInit }
  | { kind: 'update'; id: string; patch: ShapePatch }
  | { kind: 'delete'; id: string }

/**
 * The write a commit makes: a new shape with text (an empty new one is discarded, as in tldraw),
 * a changed text (a text box emptied is removed, a note stays as an empty note), or nothing.
 * `shape` is the edited shape as it is now (null if someone deleted it meanwhile).
 */
export function commitText(
  editing: TextEditing,
  text: string,
  style: ShapeStyle,
  shape: Shape | null,
): TextCommit {
  if (editing.kind === 'new') {
    if (!text.trim()) return { kind: 'none' }
    return { kind: 'add', init: textShape(editing.tool, text, editing.at, style) }
  }
  if (!shape || shape.text === text) return { kind: 'none' }
  if (shape.type === 'text' && !text.trim()) return { kind: 'delete', id: shape.id }
  return { kind: 'update', id: shape.id, patch: textEdit(shape, text) }
}

/** The look an editor takes: where (canvas units), how big, and in which font and colours. */
export type EditorLook = Box & {
  rotation: number
  fontSize: number
  colour: string
  background: string
  /** Canvas units between the box edge and the text (a note's margin). */
  inset: number
}

/**
 * The editor's look for `text` so far: over the edited shape, or where the new one will be. A
 * text box grows with its text (as it will once committed); a note keeps its size.
 */
export function editorLook(
  editing: TextEditing,
  text: string,
  style: ShapeStyle,
  shape: Shape | null,
): EditorLook | null {
  const base =
    editing.kind === 'new'
      ? { ...textShape(editing.tool, text, editing.at, style), rotation: 0 }
      : shape
  if (!base || (base.type !== 'text' && base.type !== 'sticky')) return null
  const fontSize = base.fontSize ?? 20
  const sticky = base.type === 'sticky'
  // Room for the caret after the last character, and never narrower than two glyphs.
  const grown = textBox(`${text} `, fontSize)
  const fill = base.fill ?? 'none'
  return {
    x: base.x,
    y: base.y,
    w: sticky ? base.w : Math.max(grown.w, fontSize * 2),
    h: sticky ? base.h : grown.h,
    rotation: base.rotation ?? 0,
    fontSize,
    colour: base.stroke ?? style.stroke,
    background: sticky ? (fill === 'none' ? '#ffe066' : fill) : '#ffffff',
    inset: sticky ? 10 : 0,
  }
}

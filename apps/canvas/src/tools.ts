import type { ShapeStyle, ShapeType } from '@weft/canvas-model'
import { TEXT } from './geometry.ts'

export type Tool = 'select' | ShapeType

export const TOOLS: { tool: Tool; label: string; key: string }[] = [
  { tool: 'select', label: 'Select', key: 'v' },
  { tool: 'rect', label: 'Rectangle', key: 'r' },
  { tool: 'ellipse', label: 'Ellipse', key: 'o' },
  { tool: 'line', label: 'Line', key: 'l' },
  { tool: 'arrow', label: 'Arrow', key: 'a' },
  { tool: 'freehand', label: 'Pen', key: 'p' },
  { tool: 'text', label: 'Text', key: 't' },
  { tool: 'sticky', label: 'Sticky', key: 's' },
]

export const COLOURS = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#ffffff']
export const FILLS = ['none', '#ffc9c9', '#b2f2bb', '#a5d8ff', '#ffec99', '#eebefa', '#1e1e1e']
export const WIDTHS = [1, 2, 4, 8]

export const INITIAL_STYLE: ShapeStyle = { stroke: '#1e1e1e', fill: 'none', strokeWidth: 2 }

/** Width and height that fit `text` at `fontSize` (an estimate; SVG text is not measured). */
export function textBox(text: string, fontSize: number): { w: number; h: number } {
  const lines = text.split('\n')
  const longest = Math.max(1, ...lines.map((l) => l.length))
  return {
    w: Math.ceil(longest * fontSize * TEXT.advance),
    h: Math.ceil(lines.length * fontSize * TEXT.lineHeight),
  }
}

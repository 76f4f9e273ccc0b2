import { HighlightStyle } from '@codemirror/language'
import { tags as t } from '@lezer/highlight'

/**
 * Token colours for the editor, every one at least 4.5:1 on white and on the active line's
 * tint (WCAG 2.2 AA for text; highlightStyle.test.ts checks). CodeMirror's default style has
 * regexps, escapes and template strings at #e40, 3.84:1 (issue 20), and invalid text at #f00.
 */
export const TOKEN_COLOURS = {
  keyword: '#7a1fa2',
  atom: '#1a3fb0',
  literal: '#116329',
  string: '#a31515',
  regexp: '#a33a00',
  definition: '#0000c0',
  local: '#1f4f7a',
  type: '#00704a',
  className: '#0b6262',
  macro: '#245a85',
  property: '#0000a8',
  comment: '#7a4a00',
  invalid: '#c00000',
  meta: '#4a4a4a',
} as const

const c = TOKEN_COLOURS

export const accessibleHighlightStyle = HighlightStyle.define([
  { tag: t.meta, color: c.meta },
  { tag: t.link, textDecoration: 'underline' },
  { tag: t.heading, textDecoration: 'underline', fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: t.keyword, color: c.keyword },
  { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: c.atom },
  { tag: [t.literal, t.inserted], color: c.literal },
  { tag: [t.string, t.deleted], color: c.string },
  { tag: [t.regexp, t.escape, t.special(t.string)], color: c.regexp },
  { tag: t.definition(t.variableName), color: c.definition },
  { tag: t.local(t.variableName), color: c.local },
  { tag: [t.typeName, t.namespace], color: c.type },
  { tag: t.className, color: c.className },
  { tag: [t.special(t.variableName), t.macroName], color: c.macro },
  { tag: t.definition(t.propertyName), color: c.property },
  { tag: t.comment, color: c.comment },
  { tag: t.invalid, color: c.invalid },
])

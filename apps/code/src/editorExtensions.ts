import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete'
import { defaultKeymap, indentWithTab } from '@codemirror/commands'
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import type { Extension } from '@codemirror/state'
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view'
import { yUndoManagerKeymap } from 'y-codemirror.next'
import { accessibleHighlightStyle } from './highlightStyle.ts'

/**
 * The editor without history: undo and redo come from y-codemirror.next's UndoManager
 * (yUndoManagerKeymap), which undoes only this user's changes.
 */
export const editorBasics: Extension = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  foldGutter(),
  drawSelection(),
  dropCursor(),
  indentOnInput(),
  syntaxHighlighting(accessibleHighlightStyle, { fallback: true }),
  bracketMatching(),
  closeBrackets(),
  autocompletion(),
  rectangularSelection(),
  crosshairCursor(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  search({ top: true }),
  keymap.of([
    ...yUndoManagerKeymap,
    ...closeBracketsKeymap,
    ...defaultKeymap,
    ...searchKeymap,
    ...foldKeymap,
    ...completionKeymap,
    indentWithTab,
  ]),
  // Long lines wrap: an editor is never left scrolled sideways (a narrow pane, a phone, a
  // collaborator's long line), and no text is ever out of sight to the right.
  EditorView.lineWrapping,
  EditorView.theme({
    '&': { height: '100%', fontSize: '13px' },
    '.cm-scroller': {
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      overflowX: 'hidden',
    },
    // A collaborator's caret always carries their name (y-codemirror.next shows it on hover
    // only); it never takes the pointer from the text under it.
    '.cm-ySelectionInfo': {
      opacity: 1,
      fontFamily: 'system-ui, sans-serif',
      fontSize: '11px',
      lineHeight: '14px',
      top: '-14px',
      borderRadius: '3px 3px 3px 0',
      pointerEvents: 'none',
      whiteSpace: 'nowrap',
    },
    // On the first line there is no room above: the name goes below the caret.
    '.cm-line:first-child .cm-ySelectionInfo': { top: '1.2em', borderRadius: '0 3px 3px 3px' },
  }),
]

import * as Y from 'yjs'

const managers = new WeakMap<Y.Text, Y.UndoManager>()

/**
 * One UndoManager per file text for this tab, kept while the document is open so switching tabs
 * keeps the history. It tracks no origin of its own: y-codemirror.next adds its sync plugin's
 * origin, so only this user's typing is undone, never a collaborator's.
 */
export function undoManagerFor(text: Y.Text): Y.UndoManager {
  let m = managers.get(text)
  if (!m) {
    m = new Y.UndoManager(text, { trackedOrigins: new Set() })
    managers.set(text, m)
  }
  return m
}

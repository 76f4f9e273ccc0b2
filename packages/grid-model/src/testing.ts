import * as Y from 'yjs'

/** Two-way exchange of everything each doc has that the other lacks. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote')
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote')
}

/** A doc with a fixed client id, so tests that depend on who wins a race are repeatable. */
export function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

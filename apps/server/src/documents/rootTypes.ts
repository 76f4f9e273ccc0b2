/**
 * The type of each root of a document the server only holds as bytes. A node never calls
 * `getMap`/`getText` on the documents it hosts, so their roots are untyped (`AbstractType`), and
 * an untyped root reports no changes to observers or to an UndoManager. The type is read from
 * the root's content: entries by key make a map; a sequence of strings, formats or embeds makes
 * a text; XML elements make an XML fragment; any other sequence is an array.
 */
import * as Y from 'yjs'

type RootConstructor = typeof Y.Map | typeof Y.Text | typeof Y.Array | typeof Y.XmlFragment

function typeOfContent(root: Y.AbstractType<unknown>): RootConstructor | null {
  if (root._map.size > 0) return Y.Map
  for (let item = root._start; item !== null; item = item.right) {
    const content = item.content
    if (
      content instanceof Y.ContentString ||
      content instanceof Y.ContentFormat ||
      content instanceof Y.ContentEmbed
    )
      return Y.Text
    if (
      content instanceof Y.ContentType &&
      (content.type instanceof Y.XmlElement ||
        content.type instanceof Y.XmlText ||
        content.type instanceof Y.XmlHook)
    )
      return Y.XmlFragment
    if (!(content instanceof Y.ContentDeleted)) return Y.Array
  }
  return null
}

/** The constructor of root `name`, from the first of `docs` where it is typed or has content. */
export function rootTypeOf(name: string, docs: Y.Doc[]): RootConstructor | null {
  for (const doc of docs) {
    const root = doc.share.get(name)
    if (!root) continue
    if (root.constructor !== Y.AbstractType) return root.constructor as RootConstructor
    const found = typeOfContent(root)
    if (found) return found
  }
  return null
}

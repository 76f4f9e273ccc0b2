import type { ProjectTree } from '@weft/code-model'
import { WarningMark } from './MissingImports.tsx'

type Props = {
  tree: ProjectTree
  tabs: readonly string[]
  active: string | null
  onActivate: (id: string) => void
  onClose: (id: string) => void
  /** File path → a warning its tab shows (it imports a deleted file). */
  warnings?: ReadonlyMap<string, string>
}

/** The id of a tab's element, what the editor panel is labelled by. */
export function tabDomId(fileId: string): string {
  return `tab-${fileId}`
}

/** The id of the editor panel the tabs control. */
export const EDITOR_PANEL = 'editor-panel'

/**
 * Open files as a WAI-ARIA tablist: one Tab stop (the active tab), Left/Right/Home/End move
 * between tabs and open them, Delete closes one. A tab shows the file's current name (renames
 * by others included); the × is for the mouse, Delete is its keyboard twin.
 */
export function Tabs({ tree, tabs, active, onActivate, onClose, warnings }: Props) {
  const live = tabs.filter((id) => tree.nodes.has(id))
  const go = (id: string | undefined) => {
    if (!id) return
    onActivate(id)
    document.getElementById(tabDomId(id))?.focus()
  }
  const onKeyDown = (e: React.KeyboardEvent, id: string) => {
    const i = live.indexOf(id)
    if (e.key === 'ArrowRight') go(live[(i + 1) % live.length])
    else if (e.key === 'ArrowLeft') go(live[(i - 1 + live.length) % live.length])
    else if (e.key === 'Home') go(live[0])
    else if (e.key === 'End') go(live.at(-1))
    else if (e.key === 'Delete') {
      onClose(id)
      const next = live[i + 1] ?? live[i - 1]
      if (next) requestAnimationFrame(() => document.getElementById(tabDomId(next))?.focus())
    } else return
    e.preventDefault()
  }
  return (
    <div className="tabs" data-testid="tabs" role="tablist" aria-label="Open files">
      {live.map((id) => {
        const node = tree.nodes.get(id)
        if (!node) return null
        const selected = id === active
        return (
          <div
            key={id}
            role="none"
            className={`tab ${selected ? 'active' : ''}`}
            data-testid="tab"
            data-path={node.path}
            title={node.path}
          >
            <button
              type="button"
              role="tab"
              id={tabDomId(id)}
              className="tab-name"
              aria-selected={selected}
              aria-controls={selected ? EDITOR_PANEL : undefined}
              aria-keyshortcuts="Delete"
              tabIndex={selected ? 0 : -1}
              onClick={() => onActivate(id)}
              onKeyDown={(e) => onKeyDown(e, id)}
            >
              {node.name}
              <WarningMark text={warnings?.get(node.path)} />
            </button>
            {/* Not a button: a tablist holds only tabs. Delete on the tab is the keyboard's way. */}
            <span className="tab-close" aria-hidden="true" onClick={() => onClose(id)}>
              ×
            </span>
          </div>
        )
      })}
    </div>
  )
}

import type { ProjectTree } from '@weft/code-model'

type Props = {
  tree: ProjectTree
  tabs: readonly string[]
  active: string | null
  onActivate: (id: string) => void
  onClose: (id: string) => void
}

/** Open files; a tab shows the file's current name (renames by others included). */
export function Tabs({ tree, tabs, active, onActivate, onClose }: Props) {
  return (
    <div className="tabs" data-testid="tabs">
      {tabs.map((id) => {
        const node = tree.nodes.get(id)
        if (!node) return null
        return (
          <div
            key={id}
            className={`tab ${id === active ? 'active' : ''}`}
            data-testid="tab"
            data-path={node.path}
            title={node.path}
          >
            <button
              type="button"
              className="tab-name"
              aria-current={id === active ? 'page' : undefined}
              onClick={() => onActivate(id)}
            >
              {node.name}
            </button>
            <button
              type="button"
              className="tab-close"
              aria-label={`Close ${node.name}`}
              onClick={() => onClose(id)}
            >
              ×
            </button>
          </div>
        )
      })}
    </div>
  )
}

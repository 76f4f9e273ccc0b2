import type { Shape } from '@weft/canvas-model'
import { describeShape } from './describeShape.ts'

/** More than this many shapes are summed up, not listed (the far-zoom boards hold thousands). */
const LISTED = 300

export const SHAPE_LIST_ID = 'shape-list'

/**
 * The drawing as a list a screen reader can walk, in drawing order (back to front): one
 * button per shape, pressed when selected; pressing selects it (Shift adds it to the
 * selection), so the canvas's arrow keys then move it.
 */
export function ShapeList({
  shapes,
  selection,
  onSelection,
}: {
  shapes: readonly Shape[]
  selection: string[]
  onSelection: (ids: string[]) => void
}) {
  const listed = shapes.slice(0, LISTED)
  return (
    <aside className="shape-list" id={SHAPE_LIST_ID} aria-label="Shapes" data-testid="shape-list">
      <h2>{shapes.length === 1 ? '1 shape' : `${shapes.length} shapes`}</h2>
      <ol>
        {listed.map((s) => {
          const on = selection.includes(s.id)
          return (
            <li key={s.id}>
              <button
                type="button"
                aria-pressed={on}
                data-shape-item={s.id}
                onClick={(e) =>
                  onSelection(
                    e.shiftKey
                      ? on
                        ? selection.filter((id) => id !== s.id)
                        : [...selection, s.id]
                      : [s.id],
                  )
                }
              >
                {describeShape(s)}
              </button>
            </li>
          )
        })}
      </ol>
      {shapes.length > LISTED && (
        <p className="muted">…and {shapes.length - LISTED} more; N on the canvas walks them all.</p>
      )}
    </aside>
  )
}

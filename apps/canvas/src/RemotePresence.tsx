import type { Shape } from '@weft/canvas-model'
import type { AwarenessUser } from '@weft/client'
import type { CanvasAwareness } from './awareness.ts'
import { SelectionOutlines } from './SelectionOutlines.tsx'

/** Other people's cursors (with names) and selections, drawn at a constant screen size. */
export function RemotePresence({
  users,
  shapeOf,
  zoom,
}: {
  users: AwarenessUser<CanvasAwareness>[]
  /** The shape with this id, or null if there is none (deleted meanwhile). */
  shapeOf: (id: string) => Shape | null
  zoom: number
}) {
  return (
    <g pointerEvents="none">
      {users.map((u) => {
        const ids = u.state.selection ?? []
        const cursor = u.state.cursor
        return (
          <g key={u.clientId}>
            <SelectionOutlines
              shapes={ids.flatMap((id) => shapeOf(id) ?? [])}
              zoom={zoom}
              colour={u.user.color}
              label={u.user.name}
            />
            {cursor && (
              <g
                data-testid="remote-cursor"
                data-user={u.user.name}
                transform={`translate(${cursor.x} ${cursor.y}) scale(${1 / zoom})`}
              >
                <path
                  d="M0 0 L0 16 L4.5 12 L8 19 L10.5 18 L7 11 L12.5 11 Z"
                  fill={u.user.color}
                  stroke="#fff"
                />
                <rect
                  x={12}
                  y={18}
                  rx={3}
                  width={u.user.name.length * 7 + 10}
                  height={18}
                  fill={u.user.color}
                />
                <text x={17} y={31} fontSize={12} fill="#fff" fontFamily="system-ui, sans-serif">
                  {u.user.name}
                </text>
              </g>
            )}
          </g>
        )
      })}
    </g>
  )
}

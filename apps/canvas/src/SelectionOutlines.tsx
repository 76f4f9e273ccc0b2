import type { Shape } from '@weft/canvas-model'

/**
 * Outlines of selected shapes; with `label`, someone else's selection (dashed, their colour).
 * The local selection's handles are SelectionHandles.
 */
export function SelectionOutlines({
  shapes,
  zoom,
  colour,
  label,
}: {
  shapes: Shape[]
  zoom: number
  colour: string
  label?: string
}) {
  const pad = 4 / zoom
  return (
    <>
      {shapes.map((s) => {
        const cx = s.x + s.w / 2
        const cy = s.y + s.h / 2
        return (
          <g
            key={s.id}
            transform={s.rotation ? `rotate(${s.rotation} ${cx} ${cy})` : undefined}
            data-testid={label ? 'remote-selection' : 'selection'}
            data-user={label}
            data-selected-id={s.id}
          >
            <rect
              x={s.x - pad}
              y={s.y - pad}
              width={s.w + 2 * pad}
              height={s.h + 2 * pad}
              fill="none"
              stroke={colour}
              strokeWidth={1.5 / zoom}
              strokeDasharray={label ? `${4 / zoom} ${3 / zoom}` : undefined}
              pointerEvents="none"
            />
          </g>
        )
      })}
    </>
  )
}

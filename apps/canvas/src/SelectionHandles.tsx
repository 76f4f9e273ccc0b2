import type { Shape } from '@weft/canvas-model'
import { cursorFor, endpointAt, frameOf, RESIZE_HANDLES } from './handles.ts'

const COLOUR = '#1a73e8'

/**
 * The handles of the local selection: a line or arrow alone shows its two ends; any other
 * shape alone shows eight resize handles and a rotation handle on its turned box; several
 * shapes show eight handles on the box around them (they resize together, handles.ts).
 * Each handle names itself in `data-handle`, which the press reads (gestures.ts).
 */
export function SelectionHandles({ shapes, zoom }: { shapes: Shape[]; zoom: number }) {
  const [only] = shapes
  if (!only) return null
  const size = 8 / zoom
  const stroke = { fill: '#fff', stroke: COLOUR, strokeWidth: 1.5 / zoom }
  if (shapes.length === 1 && (only.type === 'line' || only.type === 'arrow')) {
    return (
      <g data-testid="selection-handles">
        {(['start', 'end'] as const).map((which) => {
          const p = endpointAt(only, which)
          return (
            p && (
              <circle
                key={which}
                data-handle={which}
                cx={p.x}
                cy={p.y}
                r={size / 1.6}
                {...stroke}
                style={{ cursor: 'move' }}
              />
            )
          )
        })}
      </g>
    )
  }
  const single = shapes.length === 1
  const pad = 4 / zoom
  const box = frameOf(shapes)
  const rotation = single ? only.rotation : 0
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  const outer = { x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad }
  return (
    <g
      data-testid="selection-handles"
      transform={rotation ? `rotate(${rotation} ${cx} ${cy})` : undefined}
    >
      {!single && (
        <rect
          data-testid="selection-frame"
          x={outer.x}
          y={outer.y}
          width={outer.w}
          height={outer.h}
          fill="none"
          stroke={COLOUR}
          strokeWidth={1 / zoom}
          strokeDasharray={`${4 / zoom} ${3 / zoom}`}
          pointerEvents="none"
        />
      )}
      {RESIZE_HANDLES.map(({ handle, fx, fy }) => (
        <rect
          key={handle}
          data-handle={handle}
          x={outer.x + fx * outer.w - size / 2}
          y={outer.y + fy * outer.h - size / 2}
          width={size}
          height={size}
          {...stroke}
          style={{ cursor: cursorFor(handle, rotation) }}
        />
      ))}
      {single && (
        <circle
          data-handle="rotate"
          cx={cx}
          cy={outer.y - 20 / zoom}
          r={size / 2}
          {...stroke}
          style={{ cursor: 'grab' }}
        />
      )}
    </g>
  )
}

import type { Shape } from '@weft/canvas-model'
import { memo } from 'react'
import { absolutePoints, arrowHeadPoints, TEXT } from './geometry.ts'
import { ImageBody } from './ImageBody.tsx'

/**
 * One shape as SVG, on screen and in export (exportImage.ts draws with it too), so the only
 * extra here is the transparent hit outline on thin shapes (class `hit`, dropped on export).
 */
export function ShapeView({ shape: s }: { shape: Shape }) {
  const cx = s.x + s.w / 2
  const cy = s.y + s.h / 2
  const transform = s.rotation ? `rotate(${s.rotation} ${cx} ${cy})` : undefined
  const stroke = { stroke: s.stroke, strokeWidth: s.strokeWidth }
  return (
    <g data-shape-id={s.id} data-shape-type={s.type} transform={transform}>
      {body(s, stroke)}
    </g>
  )
}

/**
 * ShapeView that re-renders only when its shape object changed: the model's cache keeps the object
 * of an unchanged shape, so a pan, zoom or a drag of one shape re-renders none or one of them.
 */
export const MemoShapeView = memo(ShapeView)

function body(s: Shape, stroke: { stroke: string; strokeWidth: number }) {
  switch (s.type) {
    case 'rect':
      return <rect x={s.x} y={s.y} width={s.w} height={s.h} fill={s.fill} {...stroke} />
    case 'ellipse':
      return (
        <ellipse
          cx={s.x + s.w / 2}
          cy={s.y + s.h / 2}
          rx={s.w / 2}
          ry={s.h / 2}
          fill={s.fill}
          {...stroke}
        />
      )
    case 'line':
    case 'arrow':
    case 'freehand': {
      const pts = absolutePoints(s)
      const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ')
      return (
        <>
          <path
            className="hit"
            d={d}
            fill="none"
            stroke="transparent"
            strokeWidth={s.strokeWidth + 10}
          />
          <path d={d} fill="none" strokeLinecap="round" strokeLinejoin="round" {...stroke} />
          {s.type === 'arrow' && pts.length >= 2 && (
            <path
              d={arrowHead(pts.at(-2) as Pt, pts.at(-1) as Pt, s.strokeWidth)}
              fill={s.stroke}
            />
          )}
        </>
      )
    }
    case 'text':
      return (
        <>
          <rect className="hit" x={s.x} y={s.y} width={s.w} height={s.h} fill="transparent" />
          <TextLines s={s} fill={s.stroke} />
        </>
      )
    case 'sticky':
      return (
        <>
          <rect
            x={s.x}
            y={s.y}
            width={s.w}
            height={s.h}
            rx={4}
            fill={s.fill === 'none' ? '#ffe066' : s.fill}
            stroke="#00000022"
            strokeWidth={1}
          />
          <TextLines s={s} fill={s.stroke} inset={10} />
        </>
      )
    case 'image':
      return <ImageBody s={s} />
  }
}

type Pt = { x: number; y: number }

function arrowHead(from: Pt, to: Pt, width: number): string {
  const [tip, l, r] = arrowHeadPoints(from, to, width)
  return `M${tip.x} ${tip.y} L${l.x.toFixed(1)} ${l.y.toFixed(1)} L${r.x.toFixed(1)} ${r.y.toFixed(1)} Z`
}

function TextLines({ s, fill, inset = 0 }: { s: Shape; fill: string; inset?: number }) {
  const lines = s.text.split('\n')
  return (
    <text
      x={s.x + inset}
      y={s.y + inset}
      fontSize={s.fontSize}
      fill={fill}
      fontFamily="system-ui, sans-serif"
    >
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their position
        <tspan key={i} x={s.x + inset} dy={s.fontSize * (i === 0 ? 1 : TEXT.lineHeight)}>
          {line || ' '}
        </tspan>
      ))}
    </text>
  )
}

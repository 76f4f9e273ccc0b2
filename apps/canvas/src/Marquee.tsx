import type { Box } from './geometry.ts'

/** The marquee being dragged (marquee.ts decides what it selects). */
export function Marquee({ box, zoom }: { box: Box; zoom: number }) {
  return (
    <rect
      data-testid="marquee"
      x={box.x}
      y={box.y}
      width={box.w}
      height={box.h}
      fill="#1a73e81a"
      stroke="#1a73e8"
      strokeWidth={1 / zoom}
      pointerEvents="none"
    />
  )
}

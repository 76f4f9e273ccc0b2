import type { Shape } from '@weft/canvas-model'
import { useAssetUrl } from './useAssetUrl.ts'

/**
 * An image shape: its picture stretched over the box once the bytes are here, under a faint
 * frame that also shows (and takes the pointer) while they load or if they cannot be had.
 */
export function ImageBody({ s }: { s: Shape }) {
  const href = useAssetUrl(s.asset)
  return (
    <>
      <rect
        className={href ? 'hit' : undefined}
        x={s.x}
        y={s.y}
        width={s.w}
        height={s.h}
        fill={href ? 'transparent' : '#f1f3f5'}
        stroke="#adb5bd"
        strokeWidth={href ? 0 : 1}
      />
      {href && (
        <image
          data-loaded="true"
          href={href}
          x={s.x}
          y={s.y}
          width={s.w}
          height={s.h}
          preserveAspectRatio="none"
        />
      )}
    </>
  )
}

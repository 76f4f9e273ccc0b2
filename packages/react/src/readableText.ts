/**
 * Text colour for a label drawn on a user's presence colour: black or white, whichever
 * contrasts more. One of the two always reaches at least 4.58:1 (WCAG 2.2 AA asks 4.5:1 for
 * text), so any colour a user picks, or is given at random, stays readable.
 */
export function readableText(background: string): '#000000' | '#ffffff' {
  const l = luminance(background)
  if (l === null) return '#ffffff'
  return contrast(l, 0) >= contrast(l, 1) ? '#000000' : '#ffffff'
}

/** WCAG contrast ratio between two colours (`#rgb` or `#rrggbb`), or null if either is not one. */
export function contrastRatio(a: string, b: string): number | null {
  const la = luminance(a)
  const lb = luminance(b)
  return la === null || lb === null ? null : contrast(la, lb)
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}

/** WCAG relative luminance of a hex colour. */
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!m) return null
  const h =
    (m[1] as string).length === 3
      ? [...(m[1] as string)].map((c) => c + c).join('')
      : (m[1] as string)
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

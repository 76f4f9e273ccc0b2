// Fractional z keys: each shape carries a string; paint order is the plain string order of the
// keys, ties broken by shape id. Reordering writes one key on one shape, so concurrent reorders
// of different shapes never conflict, and equal keys (two users sending to front at once) still
// give every replica the same order through the id tie-break.

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'
const BASE = DIGITS.length

function digit(key: string, i: number): number {
  const ch = key[i]
  return ch === undefined ? 0 : DIGITS.indexOf(ch)
}

/** True for a key this module could have produced: base-36 digits, not ending in `0`. */
export function isZKey(key: unknown): key is string {
  return typeof key === 'string' && /^[0-9a-z]*[1-9a-z]$/.test(key) && key.length <= 1024
}

/**
 * A key strictly between `a` and `b` (`null` = open end). Keys read as base-36 fractions
 * 0.<digits>; none ends in `0`, so there is always room between two of them.
 */
export function zKeyBetween(a: string | null, b: string | null): string {
  if (a === null && b === null) return 'i'
  if (b === null) return stepUp(a as string)
  if (a === null) return stepDown(b)
  if (a >= b) throw new RangeError(`zKeyBetween: ${a} is not below ${b}`)
  let out = ''
  let bounded = true
  for (let i = 0; ; i++) {
    const da = digit(a, i)
    const db = bounded ? digit(b, i) : BASE
    if (da === db) {
      out += DIGITS[da]
      continue
    }
    if (db - da > 1) return out + DIGITS[Math.floor((da + db) / 2)]
    // Adjacent digits: keep a's digit, then anything above the rest of a will do.
    out += DIGITS[da]
    bounded = false
  }
}

// Bring-to-front and send-to-back are the common moves: step by one digit so keys grow by one
// character per 35 steps instead of one per few halvings.
function stepUp(a: string): string {
  for (let i = 0; ; i++) {
    const da = digit(a, i)
    if (da < BASE - 1) return a.slice(0, i) + DIGITS[da + 1]
  }
}

function stepDown(b: string): string {
  for (let i = 0; ; i++) {
    const db = digit(b, i)
    if (db > 1) return b.slice(0, i) + DIGITS[db - 1]
    if (db === 1) return `${b.slice(0, i)}0z`
  }
}

/**
 * Order keys that sort as plain strings (ASCII), so a row or column can be
 * placed between two neighbours by writing one new key: no other item is
 * renumbered, and two users moving different rows never touch the same data.
 *
 * A key is an integer part plus an optional fraction. The integer part starts
 * with a head character that encodes how many digits follow ('a' = 1 digit,
 * 'b' = 2, …; 'Z' = 1 negative digit, 'Y' = 2, …), so appending at the end
 * costs an increment and keys grow logarithmically (10,000 appends stay at 4
 * characters). The fraction is used only to squeeze between two adjacent
 * integers and never ends in the zero digit, so there is always room below it.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const BASE = DIGITS.length
const ZERO = DIGITS[0] as string
const LAST = DIGITS[BASE - 1] as string

function digit(ch: string): number {
  const i = DIGITS.indexOf(ch)
  if (i < 0) throw new Error(`invalid order key digit ${JSON.stringify(ch)}`)
  return i
}

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2
  throw new Error(`invalid order key head ${JSON.stringify(head)}`)
}

function splitKey(key: string): [integer: string, fraction: string] {
  const length = integerLength(key[0] ?? '')
  if (key.length < length) throw new Error(`invalid order key ${JSON.stringify(key)}`)
  const fraction = key.slice(length)
  if (fraction.endsWith(ZERO)) throw new Error(`invalid order key ${JSON.stringify(key)}`)
  return [key.slice(0, length), fraction]
}

/** A key between fraction a ('' = 0) and fraction b (null = 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null && a >= b) throw new Error(`midpoint: ${a} >= ${b}`)
  if (b !== null) {
    let n = 0
    while ((a[n] ?? ZERO) === b[n]) n++
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n))
  }
  const da = a ? digit(a[0] as string) : 0
  const db = b !== null ? digit(b[0] as string) : BASE
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)] as string
  // Adjacent digits: b's first digit alone already sorts between a and b.
  if (b !== null && b.length > 1) return b.slice(0, 1)
  return DIGITS[da] + midpoint(a.slice(1), null)
}

function incrementInteger(integer: string): string | null {
  const head = integer[0] as string
  const digits = integer.slice(1).split('')
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digit(digits[i] as string)
    if (d < BASE - 1) {
      digits[i] = DIGITS[d + 1] as string
      return head + digits.join('')
    }
    digits[i] = ZERO
  }
  // Carried out of every digit: move to the next head.
  if (head === 'Z') return `a${ZERO}`
  if (head === 'z') return null
  const next = String.fromCharCode(head.charCodeAt(0) + 1)
  return next + ZERO.repeat(integerLength(next) - 1)
}

function decrementInteger(integer: string): string | null {
  const head = integer[0] as string
  const digits = integer.slice(1).split('')
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digit(digits[i] as string)
    if (d > 0) {
      digits[i] = DIGITS[d - 1] as string
      return head + digits.join('')
    }
    digits[i] = LAST
  }
  if (head === 'a') return `Z${LAST}`
  if (head === 'A') return null
  const prev = String.fromCharCode(head.charCodeAt(0) - 1)
  return prev + LAST.repeat(integerLength(prev) - 1)
}

/** A key strictly between a and b; null means "before everything" / "after everything". */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new Error(`keyBetween: ${a} >= ${b}`)
  if (a === null && b === null) return `a${ZERO}`
  if (a === null) {
    const [ib, fb] = splitKey(b as string)
    if (fb) return ib
    const lower = decrementInteger(ib)
    if (lower === null) return ib + midpoint('', fb)
    return lower
  }
  const [ia, fa] = splitKey(a)
  if (b === null) {
    const higher = incrementInteger(ia)
    return higher ?? ia + midpoint(fa, null)
  }
  const [ib, fb] = splitKey(b)
  if (ia === ib) return ia + midpoint(fa, fb)
  const higher = incrementInteger(ia)
  if (higher !== null && higher < b) return higher
  return ia + midpoint(fa, null)
}

/**
 * n keys strictly between a and b, ascending. Bisects so that inserting many
 * rows in the middle of a sheet yields short keys instead of a chain of ever
 * longer fractions.
 */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return []
  if (n === 1) return [keyBetween(a, b)]
  if (b === null) {
    // Appending: successive increments keep keys short.
    const keys: string[] = []
    let prev = a
    for (let i = 0; i < n; i++) {
      prev = keyBetween(prev, null)
      keys.push(prev)
    }
    return keys
  }
  const half = Math.floor(n / 2)
  const mid = keyBetween(a, b)
  return [...keysBetween(a, mid, half), mid, ...keysBetween(mid, b, n - half - 1)]
}

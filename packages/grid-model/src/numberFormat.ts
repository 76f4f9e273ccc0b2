import type { CellFormat, FormatKind } from './types.ts'

/**
 * Shows a computed value in a cell's number format, as Sheets does in its en-US locale. Only
 * numbers change: text stays as it is, so formatting a column of mixed cells never hides words.
 * Dates and times are numbers too (days since 1899-12-30, fractions for the time of day), the
 * serial numbers Sheets and Excel use, so date arithmetic in formulas works on the raw value.
 */
export function formatValue(value: string | number | boolean, format: CellFormat): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value)
  const decimals = format.decimals ?? defaultDecimals(format.kind)
  switch (format.kind) {
    case 'number':
      return grouped(value, decimals)
    case 'percent':
      return `${grouped(value * 100, decimals)}%`
    case 'currency':
      return value < 0 ? `-$${grouped(-value, decimals)}` : `$${grouped(value, decimals)}`
    case 'scientific':
      return scientific(value, decimals)
    case 'date':
      return datePart(value)
    case 'time':
      return timePart(value)
    case 'datetime':
      return `${datePart(value)} ${timePart(value, true)}`
    default:
      return String(value)
  }
}

export function defaultDecimals(kind: FormatKind): number {
  return kind === 'number' || kind === 'percent' || kind === 'currency' || kind === 'scientific'
    ? 2
    : 0
}

/** Kinds whose digits after the point the decimal buttons change. */
export function hasDecimals(kind: FormatKind): boolean {
  return kind === 'number' || kind === 'percent' || kind === 'currency' || kind === 'scientific'
}

export const MAX_DECIMALS = 10

/**
 * The format after "increase/decrease decimal places" (step +1 or -1): an Automatic or date cell
 * becomes a Number with the digits its value shows now, plus or minus one, as in Sheets.
 */
export function stepDecimals(
  format: CellFormat | undefined,
  value: unknown,
  step: 1 | -1,
): CellFormat {
  const kind = format?.kind ?? 'auto'
  if (hasDecimals(kind)) {
    const now = format?.decimals ?? defaultDecimals(kind)
    return { kind, decimals: clamp(now + step) }
  }
  const shown = typeof value === 'number' ? fractionDigits(value) : 0
  return { kind: 'number', decimals: clamp(shown + step) }
}

function clamp(n: number): number {
  return Math.max(0, Math.min(MAX_DECIMALS, n))
}

function fractionDigits(n: number): number {
  const text = String(Number(n.toPrecision(12)))
  const dot = text.indexOf('.')
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1
}

const groupers = new Map<number, Intl.NumberFormat>()

function grouped(n: number, decimals: number): string {
  let f = groupers.get(decimals)
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    })
    groupers.set(decimals, f)
  }
  return f.format(n)
}

/** 1234.5 → 1.23E+03, as Sheets writes it. */
function scientific(n: number, decimals: number): string {
  const [mantissa = '0', exp = '0'] = n.toExponential(decimals).split('e')
  const e = Number(exp)
  return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
}

const DAY_MS = 86_400_000
/** Serial day 0, 1899-12-30, in ms since 1970 (UTC: serials carry no time zone). */
const EPOCH_MS = Date.UTC(1899, 11, 30)

function serialDate(serial: number): Date {
  // Round to the second so 0.1 + 0.2 style noise never shows 2:59:59 for 3:00:00.
  return new Date(Math.round((EPOCH_MS + serial * DAY_MS) / 1000) * 1000)
}

/** 45352 → 3/1/2024 */
function datePart(serial: number): string {
  const d = serialDate(serial)
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`
}

/** 0.5 → 12:00:00 PM; with `h24`, 12:00:00 (as Sheets' date time format shows it). */
function timePart(serial: number, h24 = false): string {
  const d = serialDate(serial)
  const h = d.getUTCHours()
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  const ss = String(d.getUTCSeconds()).padStart(2, '0')
  if (h24) return `${h}:${mm}:${ss}`
  return `${h % 12 === 0 ? 12 : h % 12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`
}

/** A Date made by a formula function (in local time, as formula.js makes them) as a serial. */
export function fromJsDate(d: Date): number {
  const utc = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
  )
  return (utc - EPOCH_MS) / DAY_MS
}

/** Excel number-format codes for each kind, for XLSX files. */
export function excelFormatCode(format: CellFormat): string | undefined {
  const d = format.decimals ?? defaultDecimals(format.kind)
  const frac = d > 0 ? `.${'0'.repeat(d)}` : ''
  switch (format.kind) {
    case 'text':
      return '@'
    case 'number':
      return `#,##0${frac}`
    case 'percent':
      return `0${frac}%`
    case 'currency':
      return `"$"#,##0${frac}`
    case 'scientific':
      return `0${frac}E+00`
    case 'date':
      return 'm/d/yyyy'
    case 'time':
      return 'h:mm:ss AM/PM'
    case 'datetime':
      return 'm/d/yyyy h:mm:ss'
    default:
      return undefined
  }
}

/** The kind (and digits) an Excel number-format code reads as; Automatic when unknown. */
export function fromExcelFormatCode(code: string | undefined): CellFormat | null {
  if (!code || code === 'General') return null
  if (code === '@') return { kind: 'text' }
  const digits = /0\.(0+)/.exec(code)?.[1]?.length ?? 0
  if (/E\+/i.test(code)) return { kind: 'scientific', decimals: digits }
  if (code.includes('%')) return { kind: 'percent', decimals: digits }
  if (code.includes('$')) return { kind: 'currency', decimals: digits }
  const date = /[dy]/i.test(code)
  const time = /h|s/i.test(code)
  if (date && time) return { kind: 'datetime' }
  if (date) return { kind: 'date' }
  if (time) return { kind: 'time' }
  if (code.includes('0')) return { kind: 'number', decimals: digits }
  return null
}

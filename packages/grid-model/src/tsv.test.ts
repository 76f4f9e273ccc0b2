import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseCsv, parseTsv, toCsv, toTsv } from './tsv.ts'

test('a block round-trips, including awkward fields', () => {
  const block = [
    ['a', 'b\tc', ''],
    ['line1\nline2', 'say "hi"', '3'],
  ]
  assert.deepEqual(parseTsv(toTsv(block)), block)
})

test('reads what spreadsheets put on the clipboard', () => {
  assert.deepEqual(parseTsv('1\t2\r\n3\t4\r\n'), [
    ['1', '2'],
    ['3', '4'],
  ])
  assert.deepEqual(parseTsv('x\t\ty\n'), [['x', '', 'y']])
  assert.deepEqual(parseTsv('a "quoted" word\tb'), [['a "quoted" word', 'b']])
})

test('a 20×5 block keeps its shape', () => {
  const block = Array.from({ length: 20 }, (_, r) =>
    Array.from({ length: 5 }, (_, c) => `${r}-${c}`),
  )
  const parsed = parseTsv(`${toTsv(block)}\n`)
  assert.equal(parsed.length, 20)
  assert.deepEqual(parsed, block)
})

test('CSV round-trips commas, quotes and line breaks, and reads a BOM and CRLF', () => {
  const rows = [
    ['name', 'note'],
    ['Ada, Countess', 'said "hi"'],
    ['two\nlines', ''],
  ]
  const csv = toCsv(rows)
  assert.equal(csv, 'name,note\r\n"Ada, Countess","said ""hi"""\r\n"two\nlines",')
  assert.deepEqual(parseCsv(`\uFEFF${csv}\r\n`), rows)
  assert.deepEqual(parseCsv('a\tb,c'), [['a\tb', 'c']])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { firstField } from './binaryCopyOut.ts'

/** Binary COPY output as Postgres writes it: header, rows of one bytea field, trailer. */
function copyOutput(values: (Buffer | null)[], headerExtension = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(19)
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').copy(header)
  header.writeUInt32BE(headerExtension.length, 15)
  const rows = values.map((value) => {
    const row = Buffer.alloc(6)
    row.writeInt16BE(1, 0)
    row.writeInt32BE(value ? value.length : -1, 2)
    return value ? Buffer.concat([row, value]) : row
  })
  const trailer = Buffer.alloc(2)
  trailer.writeInt16BE(-1, 0)
  return Buffer.concat([header, headerExtension, ...rows, trailer])
}

test('the first field comes out exactly, whichever messages the output arrives in', () => {
  const value = Buffer.from([0, 1, 2, 255, 10, 13, 0])
  const output = copyOutput([value, Buffer.from('second row')], Buffer.from('ext'))
  assert.deepEqual(Buffer.from(firstField([output]) ?? []), value)
  const split = [output.subarray(0, 19), output.subarray(19, 30), output.subarray(30)]
  assert.deepEqual(Buffer.from(firstField(split) ?? []), value)
  // Header and row in one message, the trailer apart (as Postgres sends them): no copy made.
  const rowEnd = output.length - 2 - 16
  const asSent = [output.subarray(0, rowEnd), output.subarray(rowEnd)]
  const field = firstField(asSent)
  assert.deepEqual(Buffer.from(field ?? []), value)
  assert.equal(field?.buffer, output.buffer)
})

test('no row, a null value and a cut output are told apart', () => {
  assert.equal(firstField([copyOutput([])]), null)
  assert.equal(firstField([copyOutput([null])]), null)
  const output = copyOutput([Buffer.alloc(100, 7)])
  assert.throws(() => firstField([output.subarray(0, 60)]), /truncated/)
  assert.throws(() => firstField([output.subarray(0, 10)]), /too short/)
})

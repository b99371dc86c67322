import { describe, expect, it } from 'vitest'

import { Bitfield } from './bitfield.ts'
import { ProtocolError } from './errors.ts'

describe('Bitfield', () => {
  it('numbers bits from the most significant bit of byte 0 (BEP 3)', () => {
    const field = new Bitfield(10)
    field.set(0)
    field.set(9)
    expect([...field.toBytes()]).toEqual([0b1000_0000, 0b0100_0000])
    expect(field.get(0)).toBe(true)
    expect(field.get(1)).toBe(false)
    expect(field.get(9)).toBe(true)
  })

  it('counts set bits, ignoring repeated sets and counting clears', () => {
    const field = new Bitfield(20)
    field.set(3)
    field.set(3)
    field.set(7)
    expect(field.count()).toBe(2)
    field.set(3, false)
    field.set(3, false)
    expect(field.count()).toBe(1)
    expect(field.get(3)).toBe(false)
  })

  it('throws RangeError when setting outside 0..length-1 and reads false there', () => {
    const field = new Bitfield(9)
    expect(() => field.set(9)).toThrow(RangeError)
    expect(() => field.set(-1)).toThrow(RangeError)
    expect(() => field.set(1.5)).toThrow(RangeError)
    expect(field.get(9)).toBe(false)
    expect(field.get(-1)).toBe(false)
  })

  it('full() sets every bit and leaves spare bits zero', () => {
    const field = Bitfield.full(11)
    expect([...field.toBytes()]).toEqual([0xff, 0b1110_0000])
    expect(field.isComplete()).toBe(true)
    expect(field.count()).toBe(11)
    expect(Bitfield.full(16).toBytes()).toEqual(Uint8Array.of(0xff, 0xff))
  })

  it('isComplete() only when every bit is set, and true for zero pieces', () => {
    const field = new Bitfield(3)
    field.set(0)
    field.set(1)
    expect(field.isComplete()).toBe(false)
    field.set(2)
    expect(field.isComplete()).toBe(true)
    expect(new Bitfield(0).isComplete()).toBe(true)
  })

  it('[WR-4] fromBytes parses and counts a valid bitfield', () => {
    const field = Bitfield.fromBytes(Uint8Array.of(0b1010_0000, 0b1000_0000), 9)
    expect(field.count()).toBe(3)
    expect([0, 2, 8].every((i) => field.get(i))).toBe(true)
    expect(field.get(1)).toBe(false)
  })

  it('[WR-4] fromBytes rejects spare bits set', () => {
    const attempt = (): Bitfield => Bitfield.fromBytes(Uint8Array.of(0xff, 0b1100_0000), 9)
    expect(attempt).toThrow(ProtocolError)
    expect(attempt).toThrow(expect.objectContaining({ code: 'ERR_BAD_BITFIELD' }))
    expect(() => Bitfield.fromBytes(Uint8Array.of(0xff, 0b1000_0001), 9)).toThrow(ProtocolError)
  })

  it('[WR-4] fromBytes rejects a wrong byte length', () => {
    for (const bytes of [new Uint8Array(1), new Uint8Array(3)]) {
      expect(() => Bitfield.fromBytes(bytes, 9)).toThrow(
        expect.objectContaining({ code: 'ERR_BAD_BITFIELD' }),
      )
    }
    expect(Bitfield.fromBytes(new Uint8Array(0), 0).length).toBe(0)
  })

  it('fromBytes copies its input, toBytes returns a copy', () => {
    const bytes = Uint8Array.of(0b1000_0000)
    const field = Bitfield.fromBytes(bytes, 8)
    bytes[0] = 0xff
    expect(field.count()).toBe(1)
    field.toBytes().fill(0xff)
    expect(field.count()).toBe(1)
    expect(field.get(7)).toBe(false)
  })

  it('clone() is independent of the original', () => {
    const field = new Bitfield(8)
    field.set(1)
    const copy = field.clone()
    copy.set(2)
    expect(field.get(2)).toBe(false)
    expect(copy.get(1)).toBe(true)
    expect(copy.count()).toBe(2)
  })

  it('rejects a negative or fractional length', () => {
    expect(() => new Bitfield(-1)).toThrow(RangeError)
    expect(() => new Bitfield(2.5)).toThrow(RangeError)
  })
})

import { ProtocolError } from './errors.ts'

/**
 * A fixed-length bit set, one bit per piece, most significant bit of byte 0 = piece 0 (BEP 3).
 * Spare bits in the last byte are always zero.
 */
export class Bitfield {
  readonly length: number

  /** @param length number of bits (pieces). */
  constructor(length: number) {
    throw new Error(`not implemented ${length}`)
  }

  /** Parses wire bytes; throws ProtocolError ERR_BAD_BITFIELD on wrong size or set spare bits. */
  static fromBytes(bytes: Uint8Array, length: number): Bitfield {
    throw new ProtocolError('ERR_BAD_BITFIELD', `not implemented ${bytes.length} ${length}`)
  }

  /** A bitfield with every bit set. */
  static full(length: number): Bitfield {
    throw new Error(`not implemented ${length}`)
  }

  get(index: number): boolean {
    throw new Error(`not implemented ${index}`)
  }

  /** Sets or clears a bit; throws RangeError outside 0..length-1. */
  set(index: number, value = true): void {
    throw new Error(`not implemented ${index} ${value}`)
  }

  /** Number of set bits (cached, O(1)). */
  count(): number {
    throw new Error('not implemented')
  }

  /** True when every bit is set. */
  isComplete(): boolean {
    throw new Error('not implemented')
  }

  /** A copy of the wire bytes. */
  toBytes(): Uint8Array {
    throw new Error('not implemented')
  }

  clone(): Bitfield {
    throw new Error('not implemented')
  }
}

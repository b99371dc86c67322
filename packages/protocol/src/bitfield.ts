import { ProtocolError } from './errors.ts'

/** Bytes needed to hold `length` bits. */
const byteLengthOf = (length: number): number => Math.ceil(length / 8)

/** Number of set bits in each byte value, so count() never loops over bits. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, byte) => {
  let n = 0
  for (let b = byte; b > 0; b >>= 1) {
    n += b & 1
  }
  return n
})

/**
 * A fixed-length bit set, one bit per piece, most significant bit of byte 0 = piece 0 (BEP 3).
 * Spare bits in the last byte are always zero.
 */
export class Bitfield {
  readonly length: number
  readonly #bytes: Uint8Array
  #count = 0

  /** @param length number of bits (pieces). */
  constructor(length: number) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`bitfield length must be a non-negative integer, got ${length}`)
    }
    this.length = length
    this.#bytes = new Uint8Array(byteLengthOf(length))
  }

  /** Parses wire bytes; throws ProtocolError ERR_BAD_BITFIELD on wrong size or set spare bits. */
  static fromBytes(bytes: Uint8Array, length: number): Bitfield {
    const field = new Bitfield(length)
    if (bytes.length !== field.#bytes.length) {
      throw new ProtocolError(
        'ERR_BAD_BITFIELD',
        `bitfield of ${bytes.length} bytes for ${length} pieces (expected ${field.#bytes.length})`,
      )
    }
    const spareBits = field.#bytes.length * 8 - length
    const last = bytes[bytes.length - 1]
    // BEP 3: spare bits must be zero; a peer that sets them is broken or hostile (SPEC WR-4).
    if (spareBits > 0 && last !== undefined && (last & ((1 << spareBits) - 1)) !== 0) {
      throw new ProtocolError('ERR_BAD_BITFIELD', 'bitfield has spare bits set')
    }
    field.#bytes.set(bytes)
    let count = 0
    for (const byte of bytes) {
      count += POPCOUNT[byte] ?? 0
    }
    field.#count = count
    return field
  }

  /** A bitfield with every bit set. */
  static full(length: number): Bitfield {
    const field = new Bitfield(length)
    field.#bytes.fill(0xff)
    const spareBits = field.#bytes.length * 8 - length
    if (spareBits > 0) {
      field.#bytes[field.#bytes.length - 1] = (0xff << spareBits) & 0xff
    }
    field.#count = length
    return field
  }

  /** Whether bit `index` is set; false outside 0..length-1 (like the `bitfield` module). */
  get(index: number): boolean {
    if (!this.#inRange(index)) {
      return false
    }
    return ((this.#bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0
  }

  /** Sets or clears a bit; throws RangeError outside 0..length-1. */
  set(index: number, value = true): void {
    if (!this.#inRange(index)) {
      throw new RangeError(`bit ${index} outside bitfield of length ${this.length}`)
    }
    const byteIndex = index >> 3
    const mask = 0x80 >> (index & 7)
    const byte = this.#bytes[byteIndex] ?? 0
    const was = (byte & mask) !== 0
    if (was === value) {
      return
    }
    this.#bytes[byteIndex] = value ? byte | mask : byte & ~mask
    this.#count += value ? 1 : -1
  }

  /** Number of set bits (cached, O(1)). */
  count(): number {
    return this.#count
  }

  /** True when every bit is set. */
  isComplete(): boolean {
    return this.#count === this.length
  }

  /** A copy of the wire bytes. */
  toBytes(): Uint8Array {
    return this.#bytes.slice()
  }

  clone(): Bitfield {
    const copy = new Bitfield(this.length)
    copy.#bytes.set(this.#bytes)
    copy.#count = this.#count
    return copy
  }

  #inRange(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.length
  }
}

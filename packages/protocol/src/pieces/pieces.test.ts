import { describe, expect, it } from 'vitest'

import type { PeerId } from '../ids.ts'
import { BLOCK_SIZE_BYTES, blockCountOf, blockSpan } from './layout.ts'
import { PieceBuffer } from './piece-buffer.ts'

const alice = 'alice' as PeerId
const bob = 'bob' as PeerId

describe('block geometry', () => {
  it('answers which bytes are block b of a piece, the last one short', () => {
    expect([0, 1, 2].map((b) => blockSpan(10, b, 4))).toEqual([
      { begin: 0, length: 4 },
      { begin: 4, length: 4 },
      { begin: 8, length: 2 },
    ])
    expect(blockCountOf(8, 4)).toBe(2)
    expect(blockCountOf(9, 4)).toBe(3)
  })

  it('uses 64 KiB blocks by default and no blocks for an empty piece', () => {
    expect(blockCountOf(3 * BLOCK_SIZE_BYTES)).toBe(3)
    expect(blockSpan(3 * BLOCK_SIZE_BYTES, 2)).toEqual({
      begin: 2 * BLOCK_SIZE_BYTES,
      length: BLOCK_SIZE_BYTES,
    })
    expect(blockCountOf(0)).toBe(0)
  })

  it('rejects a non-positive block size', () => {
    expect(() => blockCountOf(10, 0)).toThrow(RangeError)
  })
})

describe('PieceBuffer', () => {
  it('assembles blocks arriving out of order', () => {
    const buffer = new PieceBuffer(10, 4)
    expect(buffer.addBlock(8, Uint8Array.of(9, 10), alice)).toBe(true)
    expect(buffer.addBlock(0, Uint8Array.of(1, 2, 3, 4), bob)).toBe(true)
    expect(buffer.isComplete()).toBe(false)
    expect(buffer.addBlock(4, Uint8Array.of(5, 6, 7, 8), alice)).toBe(true)
    expect(buffer.isComplete()).toBe(true)
    expect([...buffer.bytes()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('rejects duplicates, misaligned offsets and wrong lengths without storing them', () => {
    const buffer = new PieceBuffer(10, 4)
    expect(buffer.addBlock(0, Uint8Array.of(1, 2, 3, 4), alice)).toBe(true)
    expect(buffer.addBlock(0, Uint8Array.of(7, 7, 7, 7), bob)).toBe(false)
    expect(buffer.addBlock(2, Uint8Array.of(7, 7, 7, 7), bob)).toBe(false)
    expect(buffer.addBlock(4, Uint8Array.of(7, 7), bob)).toBe(false)
    expect(buffer.addBlock(8, Uint8Array.of(7, 7, 7), bob)).toBe(false)
    expect(buffer.addBlock(12, Uint8Array.of(7), bob)).toBe(false)
    expect([...buffer.bytes().subarray(0, 4)]).toEqual([1, 2, 3, 4])
    expect(buffer.contributors()).toEqual([alice])
  })

  it('[EN-2] forgets the blocks of one sender, which may then come again', () => {
    const buffer = new PieceBuffer(10, 4)
    buffer.addBlock(0, Uint8Array.of(1, 2, 3, 4), alice)
    buffer.addBlock(4, Uint8Array.of(5, 6, 7, 8), bob)
    buffer.addBlock(8, Uint8Array.of(0, 0), alice)
    expect(buffer.dropBlocksFrom(alice)).toEqual([
      { begin: 0, length: 4 },
      { begin: 8, length: 2 },
    ])
    expect(buffer.contributors()).toEqual([bob])
    expect(buffer.isEmpty()).toBe(false)
    expect(buffer.addBlock(8, Uint8Array.of(9, 10), bob)).toBe(true)
    expect(buffer.addBlock(0, Uint8Array.of(1, 2, 3, 4), bob)).toBe(true)
    expect(buffer.isComplete()).toBe(true)
    expect([...buffer.bytes()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(buffer.dropBlocksFrom(bob)).toHaveLength(3)
    expect(buffer.isEmpty()).toBe(true)
  })

  it('[EN-2] lists each contributing peer once', () => {
    const buffer = new PieceBuffer(12, 4)
    buffer.addBlock(0, new Uint8Array(4), alice)
    buffer.addBlock(4, new Uint8Array(4), bob)
    buffer.addBlock(8, new Uint8Array(4), alice)
    expect(buffer.contributors().sort()).toEqual([alice, bob])
  })
})

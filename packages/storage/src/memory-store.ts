import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'

import { readSpan } from './read-span.ts'

/** A ChunkStore in memory: for tests and files small enough to hold (OPFS comes in issue #4). */
export function createMemoryStore(metadata: Metadata): ChunkStore {
  const pieces = new Map<number, Uint8Array>()
  const count = pieceCount(metadata)
  let closed = false
  return {
    async put(index, bytes) {
      if (closed) {
        throw new Error('store closed')
      }
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`piece ${index} out of range 0..${count - 1}`)
      }
      pieces.set(index, bytes.slice())
    },
    async get(index, offset, length) {
      const piece = pieces.get(index)
      if (!piece) {
        throw new Error(`piece ${index} is not stored`)
      }
      return readSpan(piece, index, offset, length)
    },
    async close() {
      closed = true
      pieces.clear()
    },
  }
}

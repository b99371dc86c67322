import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'

/**
 * A ChunkStore holding pieces in memory (abstract-chunk-store's memory store). `put` adopts
 * the verified piece (the engine gives it up; a copy per piece cost ~5 % of a downloading
 * tab's main thread); reads are copies, so a reader's edits never reach stored data.
 */
export function createMemoryStore(metadata: Metadata): ChunkStore {
  const pieces = new Map<number, Uint8Array>()
  let closed = false

  const assertOpen = (): void => {
    if (closed) {
      throw new Error('chunk store is closed')
    }
  }

  return {
    put(index, bytes) {
      try {
        assertOpen()
        const { pieceBytes } = pieceRange(metadata, index)
        if (bytes.length !== pieceBytes) {
          throw new RangeError(`piece ${index} is ${pieceBytes} bytes, got ${bytes.length}`)
        }
        pieces.set(index, bytes)
        return Promise.resolve()
      } catch (error) {
        return Promise.reject(error as Error)
      }
    },

    get(index, offset, length) {
      try {
        assertOpen()
        const range = pieceRange(metadata, index, offset, length)
        const piece = pieces.get(index)
        if (piece === undefined) {
          throw new Error(`piece ${index} is not stored`)
        }
        return Promise.resolve(piece.slice(range.offset, range.offset + range.length))
      } catch (error) {
        return Promise.reject(error as Error)
      }
    },

    close() {
      closed = true
      pieces.clear()
      return Promise.resolve()
    },
  }
}

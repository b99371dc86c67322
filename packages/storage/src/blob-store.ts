import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'

/**
 * A read-only ChunkStore over a dropped File, for seeding: pieces are read from the Blob on
 * demand, so seeding a large file never holds it in memory. `put` rejects: a seeder already
 * has every piece, and a File cannot be written.
 */
export function createBlobStore(blob: Blob, metadata: Metadata): ChunkStore {
  if (blob.size !== metadata.size) {
    throw new Error(`blob of ${blob.size} bytes does not match metadata size ${metadata.size}`)
  }
  let closed = false

  return {
    put(index) {
      return Promise.reject(new Error(`blob store is read-only (put of piece ${index})`))
    },

    async get(index, offset, length) {
      if (closed) {
        throw new Error('chunk store is closed')
      }
      const range = pieceRange(metadata, index, offset, length)
      const start = range.pieceStart + range.offset
      return new Uint8Array(await blob.slice(start, start + range.length).arrayBuffer())
    },

    close() {
      closed = true
      return Promise.resolve()
    },
  }
}

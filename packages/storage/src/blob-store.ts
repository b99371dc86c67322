import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount, pieceSize } from '@swarmdrop/protocol'

/**
 * A read-only ChunkStore over a dropped File: a seeder serves blocks by slicing the file, so
 * the file is never loaded into memory as a whole.
 */
export function createBlobStore(blob: Blob, metadata: Metadata): ChunkStore {
  if (blob.size !== metadata.size) {
    throw new Error(`file is ${blob.size} bytes but the metadata says ${metadata.size}`)
  }
  const count = pieceCount(metadata)
  return {
    async put() {
      throw new Error('a seeded file is read-only')
    },
    async get(index, offset = 0, length) {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new RangeError(`piece ${index} out of range 0..${count - 1}`)
      }
      const size = pieceSize(metadata, index)
      const span = length ?? size - offset
      if (offset < 0 || span < 0 || offset + span > size) {
        throw new RangeError(`span ${offset}+${span} outside piece ${index} (${size} bytes)`)
      }
      const start = index * metadata.pieceLength + offset
      return new Uint8Array(await blob.slice(start, start + span).arrayBuffer())
    },
    async close() {},
  }
}

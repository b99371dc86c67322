import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'

/**
 * The file is read in aligned spans of this size, not block by block: one Blob read per 64 KiB
 * block cost a seeding tab ~25 % of its main thread (measured by bench:throughput's profile).
 */
export const READ_AHEAD_BYTES = 1024 * 1024
/** Spans kept: a few MiB, whatever the file size (neighbours read different pieces). */
const CACHED_SPANS = 8

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
  // Promises, so concurrent readers of one span share a single Blob read.
  const spans = new Map<number, Promise<Uint8Array>>()
  const readSpan = (spanIndex: number): Promise<Uint8Array> => {
    let span = spans.get(spanIndex)
    if (span === undefined) {
      const start = spanIndex * READ_AHEAD_BYTES
      span = blob
        .slice(start, Math.min(blob.size, start + READ_AHEAD_BYTES))
        .arrayBuffer()
        .then((buffer) => new Uint8Array(buffer))
      spans.set(spanIndex, span)
      if (spans.size > CACHED_SPANS) {
        spans.delete(spans.keys().next().value as number)
      }
    }
    return span
  }

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
      const end = start + range.length
      const first = Math.floor(start / READ_AHEAD_BYTES)
      const last = Math.floor((end - 1) / READ_AHEAD_BYTES)
      if (range.length === 0) {
        return new Uint8Array(0)
      }
      const out = new Uint8Array(range.length)
      for (let spanIndex = first; spanIndex <= last; spanIndex++) {
        const span = await readSpan(spanIndex)
        const spanStart = spanIndex * READ_AHEAD_BYTES
        const from = Math.max(start, spanStart)
        const to = Math.min(end, spanStart + span.length)
        out.set(span.subarray(from - spanStart, to - spanStart), from - start)
      }
      return out
    },

    close() {
      closed = true
      return Promise.resolve()
    },
  }
}

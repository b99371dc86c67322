import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { filesOf } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'

/**
 * The file is read in aligned spans of at least this size, not block by block: every Blob read
 * is a round trip to the browser's blob store, and one per 64 KiB block cost a seeding tab
 * ~25 % of its main thread (bench:throughput's profile).
 */
export const MIN_SPAN_BYTES = 256 * 1024
/**
 * Spans kept, least recently used dropped first. Rarest first requests pieces in random order,
 * so a cache of a few spans misses almost always; 64 MiB holds a small file whole and bounds
 * memory for a large one.
 */
export const SPAN_CACHE_BYTES = 64 * 1024 * 1024

/**
 * A read-only ChunkStore over a dropped File, or over the Files of a folder end to end (SPEC
 * MD-9), for seeding: pieces are read from the Blob on demand, so seeding a large file never holds
 * it in memory. `put` rejects: a seeder already has every piece, and a File cannot be written.
 */
export function createBlobStore(source: Blob | readonly Blob[], metadata: Metadata): ChunkStore {
  const blob = concatenate(source, metadata)
  if (blob.size !== metadata.size) {
    throw new Error(`blob of ${blob.size} bytes does not match metadata size ${metadata.size}`)
  }
  let closed = false
  // Pieces are powers of two, so a span (a power of two, at least a piece) holds whole pieces.
  const spanBytes = Math.max(MIN_SPAN_BYTES, metadata.pieceLength)
  const maxSpans = Math.max(1, Math.floor(SPAN_CACHE_BYTES / spanBytes))
  // Promises, so concurrent readers of one span share a single Blob read.
  const spans = new Map<number, Promise<Uint8Array>>()
  const readSpan = (spanIndex: number): Promise<Uint8Array> => {
    let span = spans.get(spanIndex)
    if (span === undefined) {
      const start = spanIndex * spanBytes
      span = blob
        .slice(start, Math.min(blob.size, start + spanBytes))
        .arrayBuffer()
        .then((buffer) => new Uint8Array(buffer))
      if (spans.size >= maxSpans) {
        spans.delete(spans.keys().next().value as number)
      }
    } else {
      spans.delete(spanIndex)
    }
    spans.set(spanIndex, span)
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
      const first = Math.floor(start / spanBytes)
      const last = Math.floor((end - 1) / spanBytes)
      if (range.length === 0) {
        return new Uint8Array(0)
      }
      if (first === last) {
        // Within one span (every block, since spans hold whole pieces): a view, not a copy. The
        // engine only copies it into a frame; nobody writes to what a read-only store returns.
        const span = await readSpan(first)
        const spanStart = first * spanBytes
        return span.subarray(start - spanStart, end - spanStart)
      }
      const out = new Uint8Array(range.length)
      for (let spanIndex = first; spanIndex <= last; spanIndex++) {
        const span = await readSpan(spanIndex)
        const spanStart = spanIndex * spanBytes
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

/**
 * Several files as one Blob in the metadata's file order, after checking each against its entry.
 * A Blob built from Blobs refers to their bytes rather than copying them, so the platform does the
 * piece↔file mapping of reads that span files, and the span cache below works unchanged.
 */
function concatenate(source: Blob | readonly Blob[], metadata: Metadata): Blob {
  if (source instanceof Blob) {
    return source
  }
  const files = filesOf(metadata)
  if (source.length !== files.length) {
    throw new Error(`${source.length} files do not match the metadata's ${files.length}`)
  }
  source.forEach((blob, index) => {
    const expected = files[index]?.length
    if (blob.size !== expected) {
      throw new Error(`file ${index} has ${blob.size} bytes, the metadata says ${expected}`)
    }
  })
  return source.length === 1 && source[0] !== undefined ? source[0] : new Blob(source as Blob[])
}

import type { FileDescription, Hasher, Metadata } from '@swarmdrop/protocol'
import { createMetadata } from '@swarmdrop/protocol'

/**
 * Hashes what is shared (`stream`: the file, or several Files end to end as one Blob) into the
 * metadata `description` announces, reporting hashed bytes as it goes.
 */
export type FileHasher = (
  description: FileDescription,
  stream: Blob,
  onProgress: (hashedBytes: number) => void,
) => Promise<Metadata>

/**
 * The file is read in spans this large, not piece by piece: each Blob read is a round trip to
 * the browser's blob store, and on the dev machine 512 KiB reads ran at ~26 MB/s where 32 MiB
 * reads ran at ~100 MB/s, against ~1 GB/s for the digests themselves (bench:hash). A power of
 * two of at least the largest piece (MD-4: 16 MiB), so a span holds whole pieces.
 */
export const HASH_READ_SPAN_BYTES = 16 * 1024 * 1024

/**
 * Hashes `stream` piece by piece on the calling thread, reading it in spans (never the whole
 * file: at most two spans are held) and reading the next span while the current one is hashed,
 * so the disk and the digests overlap.
 */
export function hashFileHere(
  description: FileDescription,
  file: Blob,
  hasher: Hasher,
  onProgress: (hashedBytes: number) => void,
): Promise<Metadata> {
  interface Span {
    readonly start: number
    readonly bytes: Promise<Uint8Array>
  }
  const read = (start: number, end: number): Promise<Uint8Array> =>
    file
      .slice(start, end)
      .arrayBuffer()
      .then((buffer) => new Uint8Array(buffer))
  const spanAt = (start: number): Span | null =>
    start < file.size
      ? { start, bytes: read(start, Math.min(file.size, start + HASH_READ_SPAN_BYTES)) }
      : null
  let current: Span | null = null
  let next: Span | null = null
  const readRange = async (offset: number, length: number): Promise<Uint8Array> => {
    const start = offset - (offset % HASH_READ_SPAN_BYTES)
    if (offset + length > start + HASH_READ_SPAN_BYTES) {
      return read(offset, offset + length)
    }
    if (current?.start !== start) {
      current = next?.start === start ? next : spanAt(start)
      next = spanAt(start + HASH_READ_SPAN_BYTES)
    }
    const bytes = await (current as Span).bytes
    return bytes.subarray(offset - start, offset - start + length)
  }
  return createMetadata(description, readRange, hasher, onProgress)
}

/** What the hashing worker is asked to hash (a Blob is cloned by reference, not copied). */
export interface HashWorkerRequest {
  readonly description: FileDescription
  readonly stream: Blob
}

/** A message from the hashing worker. */
export type HashWorkerMessage =
  | { readonly type: 'progress'; readonly hashedBytes: number }
  | { readonly type: 'done'; readonly metadata: Metadata }
  | { readonly type: 'error'; readonly message: string }

/**
 * Hashes in a Web Worker (hash-worker.ts) so the page stays responsive while a large file is
 * fingerprinted; the Blob is handed over by reference, not copied.
 */
export const hashFileInWorker: FileHasher = (description, stream, onProgress) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { type: 'module' })
    const finish = (): void => worker.terminate()
    worker.onmessage = (event: MessageEvent<HashWorkerMessage>) => {
      const message = event.data
      switch (message.type) {
        case 'progress':
          onProgress(message.hashedBytes)
          break
        case 'done':
          finish()
          resolve(message.metadata)
          break
        case 'error':
          finish()
          reject(new Error(message.message))
          break
      }
    }
    worker.onerror = (event) => {
      finish()
      reject(new Error(event.message || 'the hashing worker failed'))
    }
    const request: HashWorkerRequest = { description, stream }
    worker.postMessage(request)
  })

import type { Hasher, Metadata } from '@swarmdrop/protocol'
import { createMetadata } from '@swarmdrop/protocol'

/** Hashes a dropped file into its metadata, reporting hashed bytes as it goes. */
export type FileHasher = (
  file: File,
  onProgress: (hashedBytes: number) => void,
) => Promise<Metadata>

/**
 * Hashes `file` piece by piece on the calling thread, reading one slice at a time (never the
 * whole file) and reading the next piece while the current one is hashed, so the disk and
 * the digest overlap.
 */
export function hashFileHere(
  file: File,
  hasher: Hasher,
  onProgress: (hashedBytes: number) => void,
): Promise<Metadata> {
  let next: { offset: number; bytes: Promise<Uint8Array> } | null = null
  const read = (offset: number, length: number): Promise<Uint8Array> =>
    file
      .slice(offset, offset + length)
      .arrayBuffer()
      .then((buffer) => new Uint8Array(buffer))
  const readRange = (offset: number, length: number): Promise<Uint8Array> => {
    const bytes = next?.offset === offset ? next.bytes : read(offset, length)
    const after = offset + length
    next = after < file.size ? { offset: after, bytes: read(after, length) } : null
    return bytes
  }
  return createMetadata(
    { name: file.name, size: file.size, mimeType: file.type },
    readRange,
    hasher,
    onProgress,
  )
}

/** A message from the hashing worker. */
export type HashWorkerMessage =
  | { readonly type: 'progress'; readonly hashedBytes: number }
  | { readonly type: 'done'; readonly metadata: Metadata }
  | { readonly type: 'error'; readonly message: string }

/**
 * Hashes `file` in a Web Worker (hash-worker.ts) so the page stays responsive while a large
 * file is fingerprinted; the File is handed over by reference, not copied.
 */
export const hashFileInWorker: FileHasher = (file, onProgress) =>
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
    worker.postMessage(file)
  })

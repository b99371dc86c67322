import type { Metadata } from '@swarmdrop/protocol'
import { HASH_BYTES } from '@swarmdrop/protocol'

import type { FileInfo } from './swarm-store.ts'

/** The plain facts the UI shows of a swarm's metadata (no piece hashes, no engine objects). */
export function fileInfoOf(metadata: Metadata): FileInfo {
  const { name, size, mimeType, pieceHashes, files } = metadata
  // pieceHashes is 32 × pieceCount bytes (MD-1), so the count needs no layout maths here.
  const info = { name, size, mimeType, pieceCount: pieceHashes.length / HASH_BYTES }
  return files === undefined
    ? info
    : { ...info, files: files.map((f) => ({ path: f.path.join('/'), size: f.length })) }
}

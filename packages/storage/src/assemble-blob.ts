import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'

/**
 * Concatenates every piece of a completed download into a Blob typed with the file's MIME type
 * (application/octet-stream when the browser reported none), for Save. Rejects if any piece is
 * missing from the store.
 */
export async function assembleBlob(store: ChunkStore, metadata: Metadata): Promise<Blob> {
  const parts: BlobPart[] = []
  for (let index = 0; index < pieceCount(metadata); index++) {
    const piece = await store.get(index)
    // Blob takes ArrayBuffer-backed views only; copy in the rare SharedArrayBuffer case.
    parts.push(
      piece.buffer instanceof ArrayBuffer ? (piece as Uint8Array<ArrayBuffer>) : piece.slice(),
    )
  }
  return new Blob(parts, { type: metadata.mimeType || 'application/octet-stream' })
}

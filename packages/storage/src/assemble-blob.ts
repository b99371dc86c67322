import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'

/** The whole file as a Blob of the metadata's MIME type, for saving a completed download. */
export async function assembleBlob(store: ChunkStore, metadata: Metadata): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = []
  for (let index = 0; index < pieceCount(metadata); index++) {
    parts.push((await store.get(index)) as Uint8Array<ArrayBuffer>)
  }
  return new Blob(parts, { type: metadata.mimeType || 'application/octet-stream' })
}

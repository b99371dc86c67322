import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { fileInPieces, filesOf } from '@swarmdrop/protocol'

/** Blob takes ArrayBuffer-backed views only; copy in the rare SharedArrayBuffer case. */
const blobPart = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice()

/**
 * One file of a completed swarm as a Blob (SPEC MD-9: its bytes cut out of the pieces that hold
 * them), for a per-file Save. Rejects if a piece it needs is missing from the store.
 */
export async function readFileBlob(
  store: ChunkStore,
  metadata: Metadata,
  fileIndex: number,
): Promise<Blob> {
  const parts: BlobPart[] = []
  for (const slice of fileInPieces(filesOf(metadata), metadata.pieceLength, fileIndex)) {
    parts.push(blobPart(await store.get(slice.index, slice.offset, slice.length)))
  }
  return new Blob(parts, { type: 'application/octet-stream' })
}

/**
 * One file of a completed swarm as a stream that reads each piece's share of it only when the
 * consumer pulls (a zip writer), so saving a large folder never holds it whole in memory.
 */
export function readFileStream(
  store: ChunkStore,
  metadata: Metadata,
  fileIndex: number,
): ReadableStream<Uint8Array> {
  const slices = fileInPieces(filesOf(metadata), metadata.pieceLength, fileIndex)
  let next = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const slice = slices[next++]
      if (slice === undefined) {
        controller.close()
        return
      }
      controller.enqueue(await store.get(slice.index, slice.offset, slice.length))
    },
  })
}

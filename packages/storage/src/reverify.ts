import type { Hasher, Metadata } from '@swarmdrop/protocol'
import { bytesEqual, pieceHash } from '@swarmdrop/protocol'

import type { DiskChunkStore } from './opfs-store.ts'

/**
 * The pieces of `store` that are on disk and still match their hashes (SPEC EN-9: resume
 * announces only those). Each is read and hashed once; the next piece is read while the current
 * one is hashed. A piece that cannot be read is left out.
 *
 * A large file takes a while, and the person may leave the swarm meanwhile (stop, or a removal
 * in another tab): `signal` stops it between two pieces, rejecting with the signal's reason.
 */
export async function reverifyStoredPieces(
  store: DiskChunkStore,
  metadata: Metadata,
  hasher: Hasher,
  signal?: AbortSignal,
): Promise<number[]> {
  signal?.throwIfAborted()
  const stored = await store.storedPieces()
  const good: number[] = []
  let next = stored.length > 0 ? store.get(stored[0] as number) : null
  try {
    for (let i = 0; i < stored.length; i++) {
      signal?.throwIfAborted()
      const index = stored[i] as number
      const bytes = await (next as Promise<Uint8Array>).catch(() => null)
      next = i + 1 < stored.length ? store.get(stored[i + 1] as number) : null
      if (bytes !== null && bytesEqual(await hasher(bytes), pieceHash(metadata, index))) {
        good.push(index)
      }
    }
  } finally {
    // Aborted, the read already started for the next piece is never awaited: it must not
    // reject unhandled (the folder may be being deleted).
    void next?.catch(() => {})
  }
  return good
}

import type { Hasher, Metadata } from '@swarmdrop/protocol'
import { bytesEqual, pieceCount, pieceHash } from '@swarmdrop/protocol'
import type { FileStore } from '@swarmdrop/storage/file-store'

/**
 * Re-verifies what an earlier run left on disk (SPEC CL-6): every piece whose bytes hash to the
 * metadata's hash is adopted as held, so it is announced and never fetched again; the rest is
 * fetched. Nothing is trusted without its hash, so a file edited, cut short or half-written by a
 * killed run costs only its damaged pieces. Reads one piece at a time (flat memory).
 * @returns the indices held after the scan
 */
export async function verifyOnDisk(
  metadata: Metadata,
  store: FileStore,
  hasher: Hasher,
  onProgress?: (checkedBytes: number) => void,
): Promise<number[]> {
  let checked = 0
  for (let index = 0; index < pieceCount(metadata); index++) {
    const bytes = await store.readOnDisk(index)
    if (bytesEqual(await hasher(bytes), pieceHash(metadata, index))) {
      store.adopt(index)
    }
    checked += bytes.length
    onProgress?.(checked)
  }
  return store.held()
}

import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

/** 2.5 pieces of 64 KiB: the last piece is short, as in most files. */
export const CONTRACT_METADATA: Metadata = {
  name: 'contract.bin',
  size: 2 * 65_536 + 32_768,
  mimeType: 'application/octet-stream',
  pieceLength: 65_536,
  pieceHashes: new Uint8Array(3 * 32),
}

/** Piece `index` of the contract file: deterministic bytes so reads can be checked. */
export function contractPiece(index: number): Uint8Array {
  const size = index === 2 ? 32_768 : 65_536
  return Uint8Array.from({ length: size }, (_, i) => (i * 7 + index * 13) & 0xff)
}

/**
 * The behaviour every writable ChunkStore shares (abstract-chunk-store's idea): run it against
 * each implementation (memory now, OPFS later).
 */
export function describeChunkStoreContract(
  name: string,
  create: (metadata: Metadata) => ChunkStore,
): void {
  describe(`${name} (ChunkStore contract)`, () => {
    it('returns what was put, whole or as a span', async () => {
      const store = create(CONTRACT_METADATA)
      for (const index of [0, 1, 2]) {
        await store.put(index, contractPiece(index))
      }
      expect(await store.get(2)).toEqual(contractPiece(2))
      expect(await store.get(1, 100, 50)).toEqual(contractPiece(1).slice(100, 150))
      expect(await store.get(0, 65_000)).toEqual(contractPiece(0).slice(65_000))
      await store.close()
    })

    it('rejects reads of a piece it does not hold, and spans outside a piece', async () => {
      const store = create(CONTRACT_METADATA)
      await store.put(0, contractPiece(0))
      await expect(store.get(1)).rejects.toThrow(/piece 1/)
      await expect(store.get(0, 65_000, 1_000)).rejects.toThrow(RangeError)
      await store.close()
    })

    it('keeps its own copy of what was put', async () => {
      const store = create(CONTRACT_METADATA)
      const piece = contractPiece(0)
      await store.put(0, piece)
      piece.fill(0)
      expect(await store.get(0)).toEqual(contractPiece(0))
      await store.close()
    })
  })
}

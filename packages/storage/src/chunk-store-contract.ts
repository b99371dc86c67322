import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { HASH_BYTES } from '@swarmdrop/protocol'
import { afterEach, describe, expect, it } from 'vitest'

/** Creates a fresh, empty store for `metadata` (sync for memory, async for OPFS). */
export type ChunkStoreUnderTest = (metadata: Metadata) => ChunkStore | Promise<ChunkStore>

/** 64 KiB pieces; the file is 2.5 pieces long, so the last piece is short. */
const PIECE_BYTES = 64 * 1024
const FILE_BYTES = 2 * PIECE_BYTES + PIECE_BYTES / 2

/** Metadata for the suite's file; the hashes are never checked by a store. */
export const CONTRACT_METADATA: Metadata = {
  name: 'contract.bin',
  size: FILE_BYTES,
  mimeType: 'application/octet-stream',
  pieceLength: PIECE_BYTES,
  pieceHashes: new Uint8Array(3 * HASH_BYTES),
}

/** Distinct, position-dependent bytes for piece `index`, so mixed-up pieces show. */
export function contractPiece(index: number): Uint8Array {
  const length = Math.min(PIECE_BYTES, FILE_BYTES - index * PIECE_BYTES)
  return Uint8Array.from({ length }, (_, i) => (i * 7 + index * 13) % 256)
}

/**
 * The behaviour every writable ChunkStore must share (abstract-chunk-store's tests); run it for
 * each implementation with a factory for an empty store.
 */
export function describeChunkStoreContract(name: string, factory: ChunkStoreUnderTest): void {
  describe(`ChunkStore contract: ${name}`, () => {
    const open: ChunkStore[] = []
    const create = async (metadata: Metadata = CONTRACT_METADATA): Promise<ChunkStore> => {
      const store = await factory(metadata)
      open.push(store)
      return store
    }

    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()))
    })

    it('returns a whole piece as it was put', async () => {
      const store = await create()
      await store.put(1, contractPiece(1))
      expect(await store.get(1)).toEqual(contractPiece(1))
    })

    it('keeps pieces apart, including a short last piece', async () => {
      const store = await create()
      for (const index of [2, 0, 1]) {
        await store.put(index, contractPiece(index))
      }
      for (const index of [0, 1, 2]) {
        expect(await store.get(index)).toEqual(contractPiece(index))
      }
      expect((await store.get(2)).length).toBe(PIECE_BYTES / 2)
    })

    it('reads a range with offset and length, or to the end with offset only', async () => {
      const store = await create()
      await store.put(0, contractPiece(0))
      expect(await store.get(0, 100, 1000)).toEqual(contractPiece(0).subarray(100, 1100))
      expect(await store.get(0, PIECE_BYTES - 5)).toEqual(contractPiece(0).subarray(-5))
      expect(await store.get(0, 7, 0)).toEqual(new Uint8Array(0))
    })

    it('rejects a get of a piece never put', async () => {
      const store = await create()
      await store.put(0, contractPiece(0))
      await expect(store.get(1)).rejects.toThrow(/piece 1/)
    })

    it('rejects ranges outside the piece', async () => {
      const store = await create()
      await store.put(2, contractPiece(2))
      await expect(store.get(2, 0, PIECE_BYTES)).rejects.toThrow(RangeError)
      await expect(store.get(2, -1, 1)).rejects.toThrow(RangeError)
      await expect(store.get(2, PIECE_BYTES / 2 + 1)).rejects.toThrow(RangeError)
      await expect(store.get(3)).rejects.toThrow(RangeError)
    })

    it('rejects a put of the wrong size or outside the file', async () => {
      const store = await create()
      await expect(store.put(0, new Uint8Array(PIECE_BYTES - 1))).rejects.toThrow()
      await expect(store.put(2, new Uint8Array(PIECE_BYTES))).rejects.toThrow()
      await expect(store.put(3, contractPiece(2))).rejects.toThrow()
      await expect(store.get(0)).rejects.toThrow()
    })

    it('is unaffected by later changes to returned buffers', async () => {
      // `put` may adopt its buffer (ChunkStore.put: the caller gives it up), saving a copy.
      const store = await create()
      await store.put(0, contractPiece(0))
      const read = await store.get(0)
      read.fill(1)
      expect(await store.get(0)).toEqual(contractPiece(0))
    })

    it('overwrites a piece put twice (a re-verified piece)', async () => {
      const store = await create()
      await store.put(0, new Uint8Array(PIECE_BYTES))
      await store.put(0, contractPiece(0))
      expect(await store.get(0)).toEqual(contractPiece(0))
    })

    it('serves an empty file with no pieces', async () => {
      const store = await create({ ...CONTRACT_METADATA, size: 0, pieceHashes: new Uint8Array(0) })
      await expect(store.get(0)).rejects.toThrow(RangeError)
    })

    it('rejects reads after close', async () => {
      const store = await create()
      await store.put(0, contractPiece(0))
      await store.close()
      await expect(store.get(0)).rejects.toThrow()
    })
  })
}

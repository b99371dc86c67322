import { describe, expect, it } from 'vitest'

import { assembleBlob } from './assemble-blob.ts'
import { MIN_SPAN_BYTES, createBlobStore } from './blob-store.ts'
import { CONTRACT_METADATA, contractPiece } from './chunk-store-contract.ts'
import { createMemoryStore } from './memory-store.ts'

const FILE = new Blob([contractPiece(0), contractPiece(1), contractPiece(2)] as BlobPart[])
const PIECE_BYTES = CONTRACT_METADATA.pieceLength

describe('createBlobStore', () => {
  it('reads whole pieces and ranges from the blob', async () => {
    const store = createBlobStore(FILE, CONTRACT_METADATA)
    expect(await store.get(1)).toEqual(contractPiece(1))
    expect(await store.get(2)).toEqual(contractPiece(2))
    expect(await store.get(1, 10, 20)).toEqual(contractPiece(1).subarray(10, 30))
    expect(await store.get(0, PIECE_BYTES - 3)).toEqual(contractPiece(0).subarray(-3))
  })

  it('reads pieces that straddle read-ahead spans, in any order, byte for byte', async () => {
    // 96 KiB pieces (not a power of two, so some straddle spans) over 10.5 spans.
    const size = 10.5 * MIN_SPAN_BYTES
    const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 12)) & 0xff)
    const pieceLength = 96 * 1024
    const count = Math.ceil(size / pieceLength)
    const metadata = {
      ...CONTRACT_METADATA,
      size,
      pieceLength,
      pieceHashes: new Uint8Array(count * 32),
    }
    const store = createBlobStore(new Blob([bytes]), metadata)
    for (const index of [count - 1, 10, 0, 11, 21, 5]) {
      const start = index * pieceLength
      const end = Math.min(size, start + pieceLength)
      expect(await store.get(index)).toEqual(bytes.subarray(start, end))
    }
    expect(await store.get(10, 4_000, 70_000)).toEqual(
      bytes.subarray(10 * pieceLength + 4_000, 10 * pieceLength + 74_000),
    )
  })

  it('rejects put: a seeded file is read-only', async () => {
    const store = createBlobStore(FILE, CONTRACT_METADATA)
    await expect(store.put(0, contractPiece(0))).rejects.toThrow(/read-only/)
  })

  it('rejects ranges outside the piece and reads after close', async () => {
    const store = createBlobStore(FILE, CONTRACT_METADATA)
    await expect(store.get(2, 0, PIECE_BYTES)).rejects.toThrow(RangeError)
    await expect(store.get(3)).rejects.toThrow(RangeError)
    await store.close()
    await expect(store.get(0)).rejects.toThrow(/closed/)
  })

  it('refuses a blob whose size does not match the metadata', () => {
    expect(() => createBlobStore(FILE.slice(1), CONTRACT_METADATA)).toThrow(/size/)
  })
})

describe('assembleBlob', () => {
  it('concatenates the pieces in order with the MIME type', async () => {
    const store = createMemoryStore(CONTRACT_METADATA)
    for (const index of [2, 1, 0]) {
      await store.put(index, contractPiece(index))
    }
    const blob = await assembleBlob(store, CONTRACT_METADATA)
    expect(blob.type).toBe('application/octet-stream')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(
      new Uint8Array(await FILE.arrayBuffer()),
    )
  })

  it('round-trips a seeded file through the blob store', async () => {
    const meta = { ...CONTRACT_METADATA, mimeType: 'image/png' }
    const blob = await assembleBlob(createBlobStore(FILE, meta), meta)
    expect(blob.size).toBe(FILE.size)
    expect(blob.type).toBe('image/png')
  })

  it('falls back to application/octet-stream when the MIME type is unknown', async () => {
    const meta = { ...CONTRACT_METADATA, mimeType: '' }
    expect((await assembleBlob(createBlobStore(FILE, meta), meta)).type).toBe(
      'application/octet-stream',
    )
  })

  it('rejects when a piece is missing', async () => {
    const store = createMemoryStore(CONTRACT_METADATA)
    await store.put(0, contractPiece(0))
    await expect(assembleBlob(store, CONTRACT_METADATA)).rejects.toThrow(/piece 1/)
  })
})

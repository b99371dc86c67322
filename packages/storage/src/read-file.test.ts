import type { FileEntry, Metadata } from '@swarmdrop/protocol'
import { HASH_BYTES } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { createBlobStore } from './blob-store.ts'
import { createMemoryStore } from './memory-store.ts'
import { readFileBlob, readFileStream } from './read-file.ts'

const KIB = 1024
const PIECE_BYTES = 64 * KIB

/** a.txt ends mid piece 0, empty sits between, sub/b.bin spans pieces 0–3, c.bin ends on piece 4. */
const FILES: FileEntry[] = [
  { path: ['a.txt'], length: 10 * KIB },
  { path: ['empty'], length: 0 },
  { path: ['sub', 'b.bin'], length: 3 * PIECE_BYTES + 5 },
  { path: ['c.bin'], length: 2 * PIECE_BYTES - 10 * KIB - 5 },
]
const SIZE = FILES.reduce((n, f) => n + f.length, 0)
const PIECES = Math.ceil(SIZE / PIECE_BYTES)
const METADATA: Metadata = {
  name: 'folder',
  size: SIZE,
  mimeType: '',
  pieceLength: PIECE_BYTES,
  pieceHashes: new Uint8Array(PIECES * HASH_BYTES),
  files: FILES,
}
/** Each file's own bytes, distinct per file so a slip across a boundary shows. */
const CONTENTS = FILES.map((f, n) =>
  Uint8Array.from({ length: f.length }, (_, i) => (i * (n + 3) + n * 41) & 0xff),
)
const STREAM = Uint8Array.from(CONTENTS.flatMap((bytes) => [...bytes]))

async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

describe('createBlobStore over several files', () => {
  it('[MD-9] serves pieces that span file boundaries, byte for byte', async () => {
    expect(SIZE % PIECE_BYTES).toBe(0)
    const store = createBlobStore(
      CONTENTS.map((bytes) => new Blob([bytes])),
      METADATA,
    )
    for (let index = PIECES - 1; index >= 0; index--) {
      const start = index * PIECE_BYTES
      expect(await store.get(index)).toEqual(STREAM.subarray(start, start + PIECE_BYTES))
    }
  })

  it('refuses files that do not match the metadata in number or size', () => {
    const blobs = CONTENTS.map((bytes) => new Blob([bytes]))
    expect(() => createBlobStore(blobs.slice(1), METADATA)).toThrow(/4/)
    const [a, empty, b, c] = blobs as [Blob, Blob, Blob, Blob]
    expect(() => createBlobStore([a, b, empty, c], METADATA)).toThrow(/file 1/)
  })
})

describe('readFileBlob and readFileStream', () => {
  const filled = async (): Promise<ReturnType<typeof createMemoryStore>> => {
    const store = createMemoryStore(METADATA)
    for (let index = 0; index < PIECES; index++) {
      await store.put(index, STREAM.slice(index * PIECE_BYTES, (index + 1) * PIECE_BYTES))
    }
    return store
  }

  it('[MD-9] cut every file, empty ones included, out of the pieces', async () => {
    const store = await filled()
    for (const [index, bytes] of CONTENTS.entries()) {
      const blob = await readFileBlob(store, METADATA, index)
      expect(new Uint8Array(await blob.arrayBuffer()), `blob ${index}`).toEqual(bytes)
      expect(await streamBytes(readFileStream(store, METADATA, index)), `stream ${index}`).toEqual(
        bytes,
      )
    }
  })

  it('read a single-file swarm as its one file', async () => {
    const { name, size, mimeType, pieceLength, pieceHashes } = METADATA
    const single: Metadata = { name, size, mimeType, pieceLength, pieceHashes }
    const store = createBlobStore(new Blob([STREAM]), single)
    expect(new Uint8Array(await (await readFileBlob(store, single, 0)).arrayBuffer())).toEqual(
      STREAM,
    )
  })

  it('reject when a piece the file needs is missing', async () => {
    const store = createMemoryStore(METADATA)
    await expect(readFileBlob(store, METADATA, 0)).rejects.toThrow(/piece 0/)
    await expect(streamBytes(readFileStream(store, METADATA, 2))).rejects.toThrow(/piece 0/)
  })
})

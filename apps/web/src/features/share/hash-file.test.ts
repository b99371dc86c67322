// @vitest-environment node
// Node has Blob.arrayBuffer; jsdom does not.
import { webcrypto } from 'node:crypto'

import type { FileDescription, Hasher } from '@swarmdrop/protocol'
import { createMetadata, encodeMetadata, swarmIdOf } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { HASH_READ_SPAN_BYTES, hashFileHere } from './hash-file.ts'

const sha256: Hasher = (bytes) =>
  webcrypto.subtle
    .digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
    .then((digest) => new Uint8Array(digest))

const descriptionOf = (file: File): FileDescription => ({
  name: file.name,
  size: file.size,
  mimeType: file.type,
})

/** 3.5 pieces of 256 KiB (MD-4), position-dependent bytes so a misplaced slice shows. */
const PIECE = 256 * 1024
const BYTES = Uint8Array.from({ length: 3.5 * PIECE }, (_, i) => (i * 13 + (i >> 10)) & 0xff)

describe('hashFileHere', () => {
  it('[MD-1] gives the metadata of the whole bytes, reading one slice at a time', async () => {
    const file = new File([BYTES], 'a.bin', { type: 'application/octet-stream' })
    const progress: number[] = []
    const metadata = await hashFileHere(descriptionOf(file), file, sha256, (bytes) =>
      progress.push(bytes),
    )
    const expected = await createMetadata(
      { name: 'a.bin', size: BYTES.length, mimeType: 'application/octet-stream' },
      (offset, length) => Promise.resolve(BYTES.slice(offset, offset + length)),
      sha256,
    )
    expect(metadata).toEqual(expected)
    expect(progress).toEqual([PIECE, 2 * PIECE, 3 * PIECE, BYTES.length])
  })

  it('[MD-1] hashes pieces across read spans, and a short last span, byte for byte', async () => {
    const size = 2 * HASH_READ_SPAN_BYTES + 123_457
    const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7 + (i >> 16)) & 0xff)
    const file = new File([bytes], 'big.bin')
    const metadata = await hashFileHere(descriptionOf(file), file, sha256, () => {})
    const expected = await createMetadata(
      { name: 'big.bin', size, mimeType: '' },
      (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
      sha256,
    )
    expect(metadata.pieceHashes).toEqual(expected.pieceHashes)
  })

  it('[MD-2] the same file chosen again (a seeder after a reload) gives the same swarm id', async () => {
    const idOf = async (file: File): Promise<string> =>
      swarmIdOf(
        encodeMetadata(await hashFileHere(descriptionOf(file), file, sha256, () => {})),
        sha256,
      )
    const first = await idOf(new File([BYTES], 'a.bin'))
    expect(await idOf(new File([BYTES.slice()], 'a.bin'))).toBe(first)
    expect(await idOf(new File([BYTES], 'b.bin'))).not.toBe(first)
  })
})

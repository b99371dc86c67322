import { describe, expect, it } from 'vitest'

import { assembleBlob } from './assemble-blob.ts'
import { createBlobStore } from './blob-store.ts'
import {
  CONTRACT_METADATA,
  contractPiece,
  describeChunkStoreContract,
} from './chunk-store-contract.ts'
import { createMemoryStore } from './memory-store.ts'

describeChunkStoreContract('memory store', createMemoryStore)

const wholeFile = (): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(CONTRACT_METADATA.size)
  ;[0, 1, 2].forEach((i) => out.set(contractPiece(i), i * 65_536))
  return out
}

describe('blob store (a dropped file, read-only)', () => {
  it('serves spans of pieces by slicing the file', async () => {
    const store = createBlobStore(new Blob([wholeFile()]), CONTRACT_METADATA)
    expect(await store.get(2)).toEqual(contractPiece(2))
    expect(await store.get(1, 10, 20)).toEqual(contractPiece(1).slice(10, 30))
    await expect(store.get(3)).rejects.toThrow(RangeError)
    await expect(store.put(0, contractPiece(0))).rejects.toThrow(/read-only/)
  })

  it('refuses a file whose size differs from the metadata', () => {
    expect(() => createBlobStore(new Blob([new Uint8Array(10)]), CONTRACT_METADATA)).toThrow(
      /bytes/,
    )
  })
})

describe('assembleBlob', () => {
  it('joins every piece in order under the metadata MIME type', async () => {
    const store = createMemoryStore(CONTRACT_METADATA)
    for (const index of [2, 0, 1]) {
      await store.put(index, contractPiece(index))
    }
    const blob = await assembleBlob(store, CONTRACT_METADATA)
    expect(blob.type).toBe('application/octet-stream')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(wholeFile())
  })
})

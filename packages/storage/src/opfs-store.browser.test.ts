import { afterAll, describe, expect, it } from 'vitest'

import {
  CONTRACT_METADATA,
  contractPiece,
  describeChunkStoreContract,
} from './chunk-store-contract.ts'
import type { DiskChunkStore } from './opfs-store.ts'
import { createOpfsStore } from './opfs-store.ts'

// Runs in real Chromium (Vitest browser mode, project `browser`): jsdom and Node have no OPFS.
const ROOT = 'swarmdrop-contract-test'
let next = 0

const testRoot = async (): Promise<FileSystemDirectoryHandle> =>
  (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true })

afterAll(async () => {
  await (await navigator.storage.getDirectory()).removeEntry(ROOT, { recursive: true })
})

describeChunkStoreContract('OPFS', async (metadata) => {
  const directory = await (await testRoot()).getDirectoryHandle(`store-${next++}`, { create: true })
  return createOpfsStore(directory, metadata)
})

describe('createOpfsStore beyond the contract', () => {
  const open = async (): Promise<DiskChunkStore> =>
    createOpfsStore(
      (await testRoot()).getDirectoryHandle(`extra-${next++}`, { create: true }),
      CONTRACT_METADATA,
    )

  it('lists the pieces on disk at full size, for resume', async () => {
    const store = await open()
    await store.put(2, contractPiece(2))
    await store.put(0, contractPiece(0))
    expect(await store.storedPieces()).toEqual([0, 2])
    await store.close()
  })

  it('sees pieces another store wrote to the same directory (a reloaded tab)', async () => {
    const directory = (await testRoot()).getDirectoryHandle('reopened', { create: true })
    const first = createOpfsStore(directory, CONTRACT_METADATA)
    await first.put(1, contractPiece(1))
    await first.close()
    const second = createOpfsStore(directory, CONTRACT_METADATA)
    expect(await second.storedPieces()).toEqual([1])
    expect(await second.get(1)).toEqual(contractPiece(1))
    await second.close()
  })

  it('hands out the whole file from disk, in order, once every piece is there', async () => {
    const store = await open()
    await store.put(1, contractPiece(1))
    await expect(store.file()).rejects.toThrow(/piece 0/)
    await store.put(0, contractPiece(0))
    await store.put(2, contractPiece(2))
    const file = await store.file()
    expect(file.size).toBe(CONTRACT_METADATA.size)
    const expected = new Blob([contractPiece(0), contractPiece(1), contractPiece(2)] as BlobPart[])
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(
      new Uint8Array(await expected.arrayBuffer()),
    )
    await store.close()
  })
})

import { afterAll, describe, expect, it } from 'vitest'

import {
  CONTRACT_METADATA,
  contractPiece,
  describeChunkStoreContract,
} from './chunk-store-contract.ts'
import type { Hasher, Metadata } from '@swarmdrop/protocol'
import { HASH_BYTES } from '@swarmdrop/protocol'

import type { DiskChunkStore } from './opfs-store.ts'
import { createOpfsStore } from './opfs-store.ts'
import { reverifyStoredPieces } from './reverify.ts'

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

describe('createOpfsStore writes behind its puts (ADR 0005)', () => {
  const directory = async (): Promise<FileSystemDirectoryHandle> =>
    (await testRoot()).getDirectoryHandle(`behind-${next++}`, { create: true })
  const PIECE = CONTRACT_METADATA.pieceLength
  /** Many full pieces of the contract's length, to fill the write queue. */
  const manyPieces = (count: number): Metadata => ({
    ...CONTRACT_METADATA,
    size: count * PIECE,
    pieceHashes: new Uint8Array(count * HASH_BYTES),
  })
  const piece = (index: number): Uint8Array => contractPiece(index % 2)

  it('resolves put before the write lands; a read meanwhile gets the piece once it is back', async () => {
    const store = createOpfsStore(await directory(), CONTRACT_METADATA)
    await store.put(0, contractPiece(0))
    // The write lands on a worker message, which no microtask of put can have waited for.
    expect(store.waitingBytes()).toBe(PIECE)
    expect(await store.get(0, 10, 100)).toEqual(contractPiece(0).subarray(10, 110))
    await store.close()
  })

  it('copies a piece that is a view into a larger buffer, leaving that buffer alone', async () => {
    const store = createOpfsStore(await directory(), CONTRACT_METADATA)
    const message = new Uint8Array(PIECE + 8)
    message.set(contractPiece(0), 8)
    await store.put(0, message.subarray(8))
    expect(message.subarray(8)).toEqual(contractPiece(0))
    expect(await store.storedPieces()).toEqual([0])
    expect(await store.get(0)).toEqual(contractPiece(0))
    await store.close()
  })

  it('lists and hands out pieces put just before, once their writes land', async () => {
    const dir = await directory()
    const store = createOpfsStore(dir, CONTRACT_METADATA)
    for (const index of [2, 0, 1]) {
      await store.put(index, contractPiece(index))
    }
    expect(await store.storedPieces()).toEqual([0, 1, 2])
    expect(store.waitingBytes()).toBe(0)
    const file = await store.file()
    expect(new Uint8Array(await file.slice(PIECE, 2 * PIECE).arrayBuffer())).toEqual(
      contractPiece(1),
    )
    // On disk, not only in this store's memory: a store opened afresh reads them.
    const reader = createOpfsStore(dir, CONTRACT_METADATA)
    expect(await reader.get(2)).toEqual(contractPiece(2))
    await Promise.all([store.close(), reader.close()])
  })

  it('holds puts back while more than maxWaitingBytes wait for the disk', async () => {
    const count = 24
    const maxWaitingBytes = 3 * PIECE
    const store = createOpfsStore(await directory(), manyPieces(count), { maxWaitingBytes })
    const seen: number[] = []
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        store.put(index, piece(index)).then(() => seen.push(store.waitingBytes())),
      ),
    )
    expect(seen).toHaveLength(count)
    expect(Math.max(...seen)).toBeLessThanOrEqual(maxWaitingBytes)
    expect(await store.storedPieces()).toHaveLength(count)
    await store.close()
  })

  it('reports a failed write once, then rejects every later call with it', async () => {
    const dir = await directory()
    const store = createOpfsStore(dir, CONTRACT_METADATA)
    // An open writable holds the piece file's lock, so the worker cannot open it to write.
    const locked = await (await dir.getFileHandle('piece-1', { create: true })).createWritable()
    const errors: Error[] = []
    const reported = new Promise<void>((resolve) =>
      store.onWriteError((error) => {
        errors.push(error)
        resolve()
      }),
    )
    await store.put(1, contractPiece(1))
    await reported
    await locked.abort()
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/piece-1/)
    await expect(store.put(0, contractPiece(0))).rejects.toThrow(/piece-1/)
    await expect(store.get(1)).rejects.toThrow(/piece-1/)
    await expect(store.storedPieces()).rejects.toThrow(/piece-1/)
    await expect(store.file()).rejects.toThrow(/piece-1/)
    await store.close()
  })

  it('releases every file on close, so the folder can be removed at once (library Remove)', async () => {
    const root = await testRoot()
    const name = `removed-${next++}`
    const store = createOpfsStore(root.getDirectoryHandle(name, { create: true }), manyPieces(8))
    for (let index = 0; index < 8; index++) {
      await store.put(index, piece(index))
    }
    await store.close()
    await root.removeEntry(name, { recursive: true })
    await expect(root.getDirectoryHandle(name)).rejects.toThrow()
  })

  it('does not list a piece file cut short (a write the closing tab interrupted)', async () => {
    const dir = await directory()
    const short = await (await dir.getFileHandle('piece-0', { create: true })).createWritable()
    await short.write(contractPiece(0).subarray(0, 1000) as Uint8Array<ArrayBuffer>)
    await short.close()
    const store = createOpfsStore(dir, CONTRACT_METADATA)
    await store.put(1, contractPiece(1))
    expect(await store.storedPieces()).toEqual([1])
    await expect(store.get(0)).rejects.toThrow(/piece 0/)
    await store.close()
  })
})

describe('reverifyStoredPieces (SPEC EN-9)', () => {
  const sha256: Hasher = async (bytes) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  /** CONTRACT_METADATA with the real hashes of its pieces, so a check can pass. */
  const hashedMetadata = async (): Promise<Metadata> => {
    const pieceHashes = new Uint8Array(3 * HASH_BYTES)
    for (let i = 0; i < 3; i++) {
      pieceHashes.set(await sha256(contractPiece(i)), i * HASH_BYTES)
    }
    return { ...CONTRACT_METADATA, pieceHashes }
  }
  const openWith = async (metadata: Metadata): Promise<DiskChunkStore> =>
    createOpfsStore(
      (await testRoot()).getDirectoryHandle(`reverify-${next++}`, { create: true }),
      metadata,
    )

  it('lists the stored pieces that still match their hashes', async () => {
    const metadata = await hashedMetadata()
    const store = await openWith(metadata)
    await store.put(0, contractPiece(0))
    await store.put(2, contractPiece(1).subarray(0, contractPiece(2).length))
    expect(await reverifyStoredPieces(store, metadata, sha256)).toEqual([0])
    await store.close()
  })

  it('stops between two pieces once its signal is aborted (the person left the swarm)', async () => {
    const metadata = await hashedMetadata()
    const store = await openWith(metadata)
    for (const index of [0, 1, 2]) {
      await store.put(index, contractPiece(index))
    }
    const leaving = new AbortController()
    let hashed = 0
    const hasher: Hasher = async (bytes) => {
      hashed++
      leaving.abort()
      return sha256(bytes)
    }
    await expect(
      reverifyStoredPieces(store, metadata, hasher, leaving.signal),
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(hashed).toBe(1)
    // Unaborted, the same pieces all check out.
    expect(await reverifyStoredPieces(store, metadata, sha256)).toEqual([0, 1, 2])
    await store.close()
  })
})

/**
 * A ChunkStore that writes verified pieces straight into the swarm's file(s) on disk (Node only:
 * imported as `@swarmdrop/storage/file-store`, never from the browser bundle).
 *
 * This tracks:
 * 1. one open handle per file of the swarm, each created at its final length (sparse: the unwritten
 *    parts are holes, so a 4 GiB download takes no disk before its bytes arrive);
 * 2. which pieces are held (put, or found on disk and verified by the caller through `adopt`).
 *
 * A piece is never held in memory longer than one put or one get, so memory stays flat however
 * large the files are (SPEC CL-5).
 */
import { mkdir, open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { filesOf, pieceCount } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'
import { readAcrossFiles, writeAcrossFiles } from './read-across-files.ts'
import { filePathsOf } from './safe-paths.ts'

/** A file-backed store; beyond ChunkStore it reads what is on disk for resume (SPEC CL-6). */
export interface FileStore extends ChunkStore {
  /** The absolute paths of the swarm's files, in stream order. */
  readonly paths: readonly string[]
  /** Reads piece `index` as it is on disk, held or not (to re-verify it before `adopt`). */
  readOnDisk(index: number): Promise<Uint8Array>
  /** Marks piece `index` as held: the caller verified its bytes on disk against the metadata. */
  adopt(index: number): void
  /** Indices of the pieces held, ascending. */
  held(): number[]
  /** Bytes of puts not yet written: a disk slower than the network makes this grow (CL-5). */
  pendingWriteBytes(): number
  /** Calls back after each put settles (written or failed). */
  onWritten(callback: () => void): () => void
}

/** Opens a file being seeded read-only, after checking it still has the length it was hashed at. */
async function openForReading(path: string, length: number): Promise<FileHandle> {
  const handle = await open(path, 'r')
  const { size } = await handle.stat()
  if (size !== length) {
    await handle.close()
    throw new Error(`${path} is ${size} bytes now, not the ${length} it was shared with`)
  }
  return handle
}

/** Opens `path` for positional reads and writes, creating it (and its folders) if missing. */
async function openForWriting(path: string, length: number): Promise<FileHandle> {
  await mkdir(dirname(path), { recursive: true })
  let handle: FileHandle
  try {
    // r+ keeps what is there (resume); w+ would empty it.
    handle = await open(path, 'r+')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error
    }
    handle = await open(path, 'w+')
  }
  const { size } = await handle.stat()
  if (size !== length) {
    // Extends with a hole (sparse) or cuts a longer leftover to the file's length.
    await handle.truncate(length)
  }
  return handle
}

/**
 * Creates the swarm's files below `root` and returns a store writing into them. Paths are
 * resolved under SPEC MD-8's rules and refused if they would leave `root` (SPEC CL-7). Opening
 * is asynchronous but ChunkStoreFactory is not, so every operation first awaits the opening; a
 * failure to open (unwritable directory, full disk) rejects every operation with that error.
 */
export function createFileStore(metadata: Metadata, root: string): FileStore {
  return storeOver(metadata, filePathsOf(metadata, root), openForWriting)
}

/**
 * A store over files already on disk that are being seeded (`paths` in the metadata's stream
 * order), opened read-only: every piece counts as held, and a put is refused.
 */
export function openSeedFiles(metadata: Metadata, paths: readonly string[]): FileStore {
  const store = storeOver(metadata, paths, openForReading)
  for (let index = 0; index < pieceCount(metadata); index++) {
    store.adopt(index)
  }
  return { ...store, put: () => Promise.reject(new Error('a seeded file is read-only')) }
}

function storeOver(
  metadata: Metadata,
  paths: readonly string[],
  openFile: (path: string, length: number) => Promise<FileHandle>,
): FileStore {
  const files = filesOf(metadata)
  const held = new Set<number>()
  const written = new Set<() => void>()
  let pending = 0
  let closed = false
  const opening = Promise.all(files.map((file, i) => openFile(paths[i] ?? '', file.length)))
  // The rejection is reported by the first operation that awaits it; never an unhandled one.
  opening.catch(() => undefined)

  const handles = async (): Promise<FileHandle[]> => {
    if (closed) {
      throw new Error('chunk store is closed')
    }
    return opening
  }

  const readPiece = async (
    index: number,
    offset?: number,
    length?: number,
  ): Promise<Uint8Array> => {
    const open = await handles()
    const range = pieceRange(metadata, index, offset, length)
    return readAcrossFiles(files, open, paths, range.pieceStart + range.offset, range.length)
  }

  const writePiece = async (index: number, bytes: Uint8Array): Promise<void> => {
    const open = await handles()
    const range = pieceRange(metadata, index)
    if (bytes.length !== range.pieceBytes) {
      throw new RangeError(`piece ${index} is ${range.pieceBytes} bytes, got ${bytes.length}`)
    }
    await writeAcrossFiles(files, open, range.pieceStart, bytes)
    // Held only once every byte is written: a failed write (ENOSPC) leaves it missing.
    held.add(index)
  }

  return {
    paths,
    async put(index, bytes) {
      pending += bytes.length
      try {
        await writePiece(index, bytes)
      } finally {
        pending -= bytes.length
        for (const callback of [...written]) {
          callback()
        }
      }
    },
    pendingWriteBytes: () => pending,
    onWritten(callback) {
      written.add(callback)
      return () => {
        written.delete(callback)
      }
    },
    async get(index, offset, length) {
      await handles()
      pieceRange(metadata, index, offset, length)
      if (!held.has(index)) {
        throw new Error(`piece ${index} is not stored`)
      }
      return readPiece(index, offset, length)
    },
    readOnDisk: (index) => readPiece(index),
    adopt(index) {
      pieceRange(metadata, index)
      held.add(index)
    },
    held: () => [...held].sort((a, b) => a - b),
    async close() {
      if (closed) {
        return
      }
      closed = true
      const open = await opening.catch(() => [] as FileHandle[])
      // Flushed to disk on close, so what was verified survives a crash after a clean exit.
      await Promise.all(
        open.map(async (handle) => {
          await handle.datasync().catch(() => undefined)
          await handle.close()
        }),
      )
    },
  }
}

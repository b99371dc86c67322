import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount, pieceSize } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'

/** A ChunkStore on disk that can also list what it holds and hand out the whole file. */
export interface DiskChunkStore extends ChunkStore {
  /**
   * Pieces whose files are on disk at their full size. A piece file is written whole or not at
   * all, but its bytes are only as good as the disk: re-verify them before announcing.
   */
  storedPieces(): Promise<number[]>
  /**
   * The whole file as a Blob made of the piece files on disk: the browser streams it from disk
   * when it is saved, nothing is read into memory. Rejects if a piece is missing.
   */
  file(): Promise<Blob>
}

const pieceFileName = (index: number): string => `piece-${index}`
const PIECE_FILE = /^piece-(\d+)$/

const isNotFound = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'NotFoundError'

/** Memory the store may hold for pieces just written (see `recent`). */
const RECENT_PIECES_BYTES = 8 * 1024 * 1024

/**
 * A ChunkStore in the Origin Private File System: one file per piece in `directory`, written
 * as the piece is verified, so memory stays flat whatever the file's size. One file per piece
 * (not one big file) because a window's only OPFS writer, createWritable, commits by swapping
 * the whole file in: writing a piece into a 1 GiB file would copy the gigabyte each time.
 * A piece file is also written whole or not at all (the swap commits on close), which is what
 * resume needs. `directory` may be a promise: the engine creates stores synchronously.
 */
export function createOpfsStore(
  directory: FileSystemDirectoryHandle | Promise<FileSystemDirectoryHandle>,
  metadata: Metadata,
): DiskChunkStore {
  const dir = Promise.resolve(directory)
  // File snapshots of pieces read recently: a File stays valid until its piece is rewritten.
  const files = new Map<number, Promise<File>>()
  // The pieces written last, kept in memory: neighbours ask for a piece right after our `have`,
  // and a read from disk per block of it would hold up those uploads. Bounded in bytes.
  const recent = new Map<number, Uint8Array>()
  let recentBytes = 0
  const remember = (index: number, bytes: Uint8Array): void => {
    recent.set(index, bytes)
    recentBytes += bytes.length
    for (const [oldest, old] of recent) {
      if (recentBytes <= RECENT_PIECES_BYTES) {
        break
      }
      recent.delete(oldest)
      recentBytes -= old.length
    }
  }
  let closed = false

  const assertOpen = (): void => {
    if (closed) {
      throw new Error('chunk store is closed')
    }
  }

  const pieceFile = (index: number): Promise<File> => {
    let file = files.get(index)
    if (file === undefined) {
      file = dir
        .then((d) => d.getFileHandle(pieceFileName(index)))
        .then((handle) => handle.getFile())
        .catch((error: unknown) => {
          files.delete(index)
          throw isNotFound(error) ? new Error(`piece ${index} is not stored`) : error
        })
      files.set(index, file)
    }
    return file
  }

  return {
    async put(index, bytes) {
      assertOpen()
      const { pieceBytes } = pieceRange(metadata, index)
      if (bytes.length !== pieceBytes) {
        throw new RangeError(`piece ${index} is ${pieceBytes} bytes, got ${bytes.length}`)
      }
      files.delete(index)
      if (recent.has(index)) {
        recentBytes -= recent.get(index)?.length ?? 0
        recent.delete(index)
      }
      const handle = await (await dir).getFileHandle(pieceFileName(index), { create: true })
      const writable = await handle.createWritable()
      try {
        await writable.write(bytes as Uint8Array<ArrayBuffer>)
        await writable.close()
      } catch (error) {
        await writable.abort().catch(() => {})
        throw error
      }
      remember(index, bytes)
    },

    async get(index, offset, length) {
      assertOpen()
      const range = pieceRange(metadata, index, offset, length)
      const held = recent.get(index)
      if (held !== undefined) {
        return held.slice(range.offset, range.offset + range.length)
      }
      const file = await pieceFile(index)
      if (file.size !== range.pieceBytes) {
        throw new Error(`piece ${index} is not stored`)
      }
      const start = range.offset
      return new Uint8Array(await file.slice(start, start + range.length).arrayBuffer())
    },

    async storedPieces() {
      assertOpen()
      const count = pieceCount(metadata)
      const stored: number[] = []
      for await (const [name, handle] of (await dir).entries()) {
        const match = PIECE_FILE.exec(name)
        const index = Number(match?.[1])
        if (match === null || handle.kind !== 'file' || index >= count) {
          continue
        }
        const file = await (handle as FileSystemFileHandle).getFile()
        if (file.size === pieceSize(metadata, index)) {
          stored.push(index)
        }
      }
      return stored.sort((a, b) => a - b)
    },

    async file() {
      assertOpen()
      const parts: File[] = []
      for (let index = 0; index < pieceCount(metadata); index++) {
        parts.push(await pieceFile(index))
      }
      return new Blob(parts, { type: metadata.mimeType || 'application/octet-stream' })
    },

    close() {
      closed = true
      files.clear()
      recent.clear()
      return Promise.resolve()
    },
  }
}

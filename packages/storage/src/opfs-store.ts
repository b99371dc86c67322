import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata, Unsubscribe } from '@swarmdrop/protocol'
import { pieceCount, pieceSize } from '@swarmdrop/protocol'

import { pieceRange } from './piece-range.ts'
import type { PieceWriter } from './piece-writer.ts'
import { createWorkerPieceWriter } from './piece-writer.ts'

/** A ChunkStore on disk that can also list what it holds and hand out the whole file. */
export interface DiskChunkStore extends ChunkStore {
  /**
   * Pieces whose files are on disk at their full size, once every write queued so far has
   * landed. A piece file's bytes are only as good as the disk: re-verify them before announcing.
   */
  storedPieces(): Promise<number[]>
  /**
   * The whole file as a Blob made of the piece files on disk, once every queued write has
   * landed: the browser streams it from disk when it is saved, nothing is read into memory.
   * Rejects if a piece is missing or a write failed.
   */
  file(): Promise<Blob>
  /**
   * Calls `callback` once when a piece's background write fails. From then on every `put`,
   * `get`, `storedPieces` and `file` rejects with that error: the pieces already announced can
   * no longer be vouched for, so the download must stop.
   */
  onWriteError(callback: (error: Error) => void): Unsubscribe
}

/** The OPFS store, with what its tests watch. */
export interface OpfsChunkStore extends DiskChunkStore {
  /** Bytes of pieces put whose write has not landed yet. */
  waitingBytes(): number
}

/** Tuning for createOpfsStore; the defaults are what the app uses. */
export interface OpfsStoreOptions {
  /** `put` waits while this many bytes wait to be written (at least one piece always may). */
  readonly maxWaitingBytes?: number
  /** Who writes the piece files; the worker-backed writer by default. */
  readonly writer?: PieceWriter
}

const pieceFileName = (index: number): string => `piece-${index}`
const PIECE_FILE = /^piece-(\d+)$/

const isNotFound = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'NotFoundError'

/** Memory the store may hold for pieces just written (see `recent`). */
const RECENT_PIECES_BYTES = 8 * 1024 * 1024
/**
 * Bytes a put may leave waiting for the disk before the next put waits: memory stays flat
 * whatever the file's size, while a slow moment of the disk does not hold the swarm up.
 */
export const MAX_WAITING_BYTES = 16 * 1024 * 1024

interface WaitingPiece {
  readonly length: number
  /** The piece, handed back once its write lands; null if the write failed. Never rejects. */
  readonly landed: Promise<Uint8Array | null>
}

/**
 * `bytes` itself when it spans its whole buffer, so the buffer can be transferred to the writer
 * rather than copied (fresh memory is slow to fill on small machines: ~100 MiB/s measured on the
 * 2-core dev box); otherwise a copy of just the piece.
 */
const ownBuffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer &&
  bytes.byteOffset === 0 &&
  bytes.byteLength === bytes.buffer.byteLength
    ? (bytes as Uint8Array<ArrayBuffer>)
    : bytes.slice()

/**
 * A ChunkStore in the Origin Private File System: one file per piece in `directory`, so memory
 * stays flat whatever the file's size and a write never copies other pieces (ADR 0004).
 *
 * Write-behind (ADR 0005): `put` resolves once the piece is queued for the writer (a worker with
 * sync access handles, which takes the buffer and hands it back when written), so the engine
 * announces it without waiting for the disk. This tracks:
 * 1. `waiting` — pieces put whose write has not landed; a read of one waits for it to come back
 *    (never for the disk to be read). `put` waits while they pass `maxWaitingBytes`.
 * 2. `recent` — the pieces written last, still in memory: neighbours ask for a piece right
 *    after our `have`, and a disk read per block would hold those uploads up.
 * 3. `files` — File snapshots of pieces read from disk (valid until the piece is rewritten).
 * 4. `failure` — the first failed write; it breaks the store (see onWriteError).
 * A tab closed before a queued write lands loses that piece: resume lists only whole piece
 * files and re-verifies them (SPEC EN-9), so it is downloaded again.
 * `directory` may be a promise: the engine creates stores synchronously.
 */
export function createOpfsStore(
  directory: FileSystemDirectoryHandle | Promise<FileSystemDirectoryHandle>,
  metadata: Metadata,
  options: OpfsStoreOptions = {},
): OpfsChunkStore {
  const dir = Promise.resolve(directory)
  const maxWaitingBytes = options.maxWaitingBytes ?? MAX_WAITING_BYTES
  const writer = options.writer ?? createWorkerPieceWriter(dir)
  const files = new Map<number, Promise<File>>()
  const recent = new Map<number, Uint8Array>()
  let recentBytes = 0
  const waiting = new Map<number, WaitingPiece>()
  let waitingBytes = 0
  let wakeUps: (() => void)[] = []
  let failure: Error | null = null
  const failureListeners = new Set<(error: Error) => void>()
  let closed = false

  const forgetRecent = (index: number): void => {
    const held = recent.get(index)
    if (held !== undefined) {
      recentBytes -= held.length
      recent.delete(index)
    }
  }
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
  const wakeAll = (): void => {
    const woken = wakeUps
    wakeUps = []
    for (const wake of woken) {
      wake()
    }
  }

  const assertOpen = (): void => {
    if (closed) {
      throw new Error('chunk store is closed')
    }
  }
  const assertUsable = (): void => {
    assertOpen()
    if (failure !== null) {
      throw failure
    }
  }

  const landed = (index: number, piece: WaitingPiece, bytes: Uint8Array): void => {
    if (waiting.get(index) === piece) {
      waiting.delete(index)
      waitingBytes -= piece.length
      files.delete(index)
      remember(index, bytes)
    }
    wakeAll()
  }
  const failed = (error: unknown): void => {
    if (failure === null) {
      failure = error instanceof Error ? error : new Error(String(error))
      // A write failing while the store closes (its swarm being removed) stops nothing.
      for (const listener of closed ? [] : failureListeners) {
        listener(failure)
      }
    }
    wakeAll()
  }

  /** Every write queued so far has landed or failed. */
  const settled = async (): Promise<void> => {
    await Promise.all(Array.from(waiting.values(), (piece) => piece.landed))
  }
  /** Every write queued so far has landed; rejects with the failure if one did not. */
  const drained = async (): Promise<void> => {
    await settled()
    assertUsable()
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
      assertUsable()
      const { pieceBytes } = pieceRange(metadata, index)
      if (bytes.length !== pieceBytes) {
        throw new RangeError(`piece ${index} is ${pieceBytes} bytes, got ${bytes.length}`)
      }
      // Backpressure: the disk sets the pace once it falls this far behind.
      while (waitingBytes > 0 && waitingBytes + bytes.length > maxWaitingBytes) {
        await new Promise<void>((wake) => wakeUps.push(wake))
        assertUsable()
      }
      const replaced = waiting.get(index)
      if (replaced !== undefined) {
        waitingBytes -= replaced.length
      }
      files.delete(index)
      forgetRecent(index)
      const write = writer.write(pieceFileName(index), ownBuffer(bytes))
      const piece: WaitingPiece = {
        length: pieceBytes,
        landed: write.then(
          (written) => {
            landed(index, piece, written)
            return written
          },
          (error: unknown) => {
            failed(error)
            return null
          },
        ),
      }
      waiting.set(index, piece)
      waitingBytes += pieceBytes
    },

    async get(index, offset, length) {
      assertUsable()
      const range = pieceRange(metadata, index, offset, length)
      const writing = waiting.get(index)
      const held = writing === undefined ? recent.get(index) : await writing.landed
      assertUsable()
      if (held !== undefined && held !== null) {
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
      assertUsable()
      await drained()
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
      assertUsable()
      await drained()
      const parts: File[] = []
      for (let index = 0; index < pieceCount(metadata); index++) {
        parts.push(await pieceFile(index))
      }
      return new Blob(parts, { type: metadata.mimeType || 'application/octet-stream' })
    },

    onWriteError(callback) {
      failureListeners.add(callback)
      return () => failureListeners.delete(callback)
    },

    waitingBytes: () => waitingBytes,

    async close() {
      if (closed) {
        return
      }
      closed = true
      wakeAll()
      // Let queued writes land (what resume will find), then release the worker and its
      // handles, so the swarm's folder can be removed right after.
      await settled()
      writer.close()
      files.clear()
      recent.clear()
      waiting.clear()
      waitingBytes = 0
      failureListeners.clear()
    },
  }
}

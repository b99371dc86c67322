import type { ChunkStore } from '@swarmdrop/engine'
import type { Metadata } from '@swarmdrop/protocol'

/**
 * A minimal in-memory ChunkStore for engine tests, independent of @swarmdrop/storage so the
 * engine's tests do not depend on the stores they feed. `corrupt` makes it serve wrong bytes.
 */
export class MemoryChunkStore implements ChunkStore {
  readonly #pieces = new Map<number, Uint8Array>()

  constructor(
    readonly metadata: Metadata,
    private readonly corrupt: (index: number) => boolean = () => false,
  ) {}

  /** A store already holding every piece of `bytes`. */
  static fromBytes(
    metadata: Metadata,
    bytes: Uint8Array,
    corrupt?: (index: number) => boolean,
  ): MemoryChunkStore {
    const store = new MemoryChunkStore(metadata, corrupt)
    for (
      let offset = 0, index = 0;
      offset < bytes.length;
      offset += metadata.pieceLength, index++
    ) {
      store.#pieces.set(index, bytes.slice(offset, offset + metadata.pieceLength))
    }
    return store
  }

  get size(): number {
    return this.#pieces.size
  }

  async put(index: number, bytes: Uint8Array): Promise<void> {
    // Adopted, not copied: the caller gives the buffer up (ChunkStore.put).
    this.#pieces.set(index, bytes)
  }

  async get(index: number, offset = 0, length?: number): Promise<Uint8Array> {
    const piece = this.#pieces.get(index)
    if (!piece) {
      throw new Error(`piece ${index} not stored`)
    }
    const out = piece.slice(offset, length === undefined ? undefined : offset + length)
    if (this.corrupt(index)) {
      out.forEach((byte, i) => {
        out[i] = byte ^ 0xff
      })
    }
    return out
  }

  async close(): Promise<void> {}
}

/**
 * `store` with reads that never answer: its peer takes requests but never sends a block (a free
 * rider, or an uploader that stalled).
 */
export function neverServing<T extends ChunkStore>(store: T): T {
  store.get = () => new Promise<Uint8Array>(() => {})
  return store
}

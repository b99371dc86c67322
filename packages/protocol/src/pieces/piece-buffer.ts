import type { PeerId } from '../ids.ts'
import { BLOCK_SIZE_BYTES, type BlockSpan, blockCountOf, blockSpan } from './layout.ts'

/**
 * Assembles one piece from its blocks as they arrive. This tracks: 1. the bytes so far,
 * 2. which blocks are filled, 3. which peer sent each block (for strikes on a hash mismatch).
 */
export class PieceBuffer {
  /** Allocated on the first block of a multi-block piece; a one-block piece adopts its block. */
  #bytes: Uint8Array | null = null
  readonly #pieceBytes: number
  readonly #blockSize: number
  /** Sender of each block, undefined while the block is missing. */
  readonly #senders: (PeerId | undefined)[]
  #filled = 0

  constructor(pieceBytes: number, blockSize: number = BLOCK_SIZE_BYTES) {
    const blockCount = blockCountOf(pieceBytes, blockSize)
    this.#pieceBytes = pieceBytes
    this.#blockSize = blockSize
    this.#senders = new Array<PeerId | undefined>(blockCount).fill(undefined)
  }

  /**
   * Stores a block; returns false (and stores nothing) for a duplicate or a misaligned block.
   * When the block is the whole piece it is kept, not copied: the caller gives it up (a copy per
   * block cost a downloading tab ~6 % of its main thread).
   */
  addBlock(begin: number, bytes: Uint8Array, from: PeerId): boolean {
    if (!Number.isInteger(begin) || begin < 0 || begin % this.#blockSize !== 0) {
      return false
    }
    const block = begin / this.#blockSize
    if (block >= this.#senders.length || this.#senders[block] !== undefined) {
      return false
    }
    const expected = blockSpan(this.#pieceBytes, block, this.#blockSize).length
    if (bytes.length !== expected) {
      return false
    }
    if (this.#senders.length === 1) {
      this.#bytes = bytes
    } else {
      this.#bytes ??= new Uint8Array(this.#pieceBytes)
      this.#bytes.set(bytes, begin)
    }
    this.#senders[block] = from
    this.#filled++
    return true
  }

  /** True once every block is filled. */
  isComplete(): boolean {
    return this.#filled === this.#senders.length
  }

  /**
   * Forgets the blocks `peer` sent (SPEC EN-2: a shunned peer's blocks are not trusted); the
   * bytes stay until new blocks overwrite them.
   *
   * @returns the blocks dropped, to be asked again
   */
  dropBlocksFrom(peer: PeerId): BlockSpan[] {
    const dropped: BlockSpan[] = []
    this.#senders.forEach((sender, block) => {
      if (sender === peer) {
        this.#senders[block] = undefined
        this.#filled--
        dropped.push(blockSpan(this.#pieceBytes, block, this.#blockSize))
      }
    })
    return dropped
  }

  /** True while no block is filled. */
  isEmpty(): boolean {
    return this.#filled === 0
  }

  /** The distinct peers that contributed blocks, in block order. */
  contributors(): PeerId[] {
    const seen = new Set<PeerId>()
    for (const sender of this.#senders) {
      if (sender !== undefined) {
        seen.add(sender)
      }
    }
    return [...seen]
  }

  /**
   * The assembled bytes (valid once complete). This is the buffer itself, not a copy: a piece
   * can be 16 MiB, and the engine hands it on once and drops the PieceBuffer.
   */
  bytes(): Uint8Array {
    this.#bytes ??= new Uint8Array(this.#pieceBytes)
    return this.#bytes
  }
}

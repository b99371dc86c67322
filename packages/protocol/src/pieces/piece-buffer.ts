import type { PeerId } from '../ids.ts'

/**
 * Assembles one piece from its blocks as they arrive. This tracks: 1. the bytes so far,
 * 2. which blocks are filled, 3. which peer sent each block (for strikes on a hash mismatch).
 */
export class PieceBuffer {
  constructor(pieceBytes: number, blockSize?: number) {
    throw new Error(`not implemented ${pieceBytes} ${blockSize}`)
  }

  /** Stores a block; returns false (and stores nothing) for a duplicate or a misaligned block. */
  addBlock(begin: number, bytes: Uint8Array, from: PeerId): boolean {
    throw new Error(`not implemented ${begin} ${bytes.length} ${from}`)
  }

  /** True once every block is filled. */
  isComplete(): boolean {
    throw new Error('not implemented')
  }

  /** The distinct peers that contributed blocks. */
  contributors(): PeerId[] {
    throw new Error('not implemented')
  }

  /** The assembled bytes (valid once complete). */
  bytes(): Uint8Array {
    throw new Error('not implemented')
  }
}

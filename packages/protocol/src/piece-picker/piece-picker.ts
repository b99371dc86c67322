import type { Bitfield } from '../bitfield.ts'
import type { PeerId, PieceIndex } from '../ids.ts'
import type { Random } from '../runtime.ts'

/** A block to request: piece index, offset in the piece, length. */
export interface BlockRequest {
  readonly index: PieceIndex
  readonly begin: number
  readonly length: number
}

/** Sizes the picker needs; the last piece may be shorter than `pieceLength`. */
export interface PiecePickerOptions {
  readonly pieceCount: number
  readonly pieceLength: number
  /** Size of the last piece. */
  readonly lastPieceLength: number
  readonly blockSize: number
  readonly random: Random
  /** Pieces already held (resume / seeding). */
  readonly have?: Bitfield
}

/**
 * Rarest-first block picker (docs/SPEC.md §PP). It is fed facts by the engine and answers
 * queries; it never subscribes to anything and holds no timers.
 *
 * This tracks: 1. availability of each piece among connected peers, 2. each peer's bitfield,
 * 3. per block of each partial piece: missing, requested (by which peers) or received,
 * 4. which pieces are held (verified), 5. whether end game has begun.
 */
export class PiecePicker {
  constructor(options: PiecePickerOptions) {
    throw new Error(`not implemented ${options.pieceCount}`)
  }

  /** The pieces held (verified). Do not mutate. */
  get have(): Bitfield {
    throw new Error('not implemented')
  }

  /** A peer's bitfield arrived (or the peer connected with one). */
  addPeer(peer: PeerId, bitfield: Bitfield): void {
    throw new Error(`not implemented ${peer} ${bitfield.length}`)
  }

  /** A peer announced a piece. */
  onHave(peer: PeerId, index: PieceIndex): void {
    throw new Error(`not implemented ${peer} ${index}`)
  }

  /** A peer left: forget its bitfield and release every block it had requested. */
  removePeer(peer: PeerId): void {
    throw new Error(`not implemented ${peer}`)
  }

  /** Number of connected peers holding piece `index`. */
  availability(index: PieceIndex): number {
    throw new Error(`not implemented ${index}`)
  }

  /** Whether `peer` holds any piece we lack (so we should be interested in it). */
  isInterestedIn(peer: PeerId): boolean {
    throw new Error(`not implemented ${peer}`)
  }

  /**
   * Picks up to `max` blocks to request from `peer` and marks them requested by it.
   * Order (SPEC PP-*): blocks of partially requested pieces first; then new pieces rarest first,
   * ties broken with the injected Random; in end game, blocks already requested from others.
   */
  pickBlocks(peer: PeerId, max: number): BlockRequest[] {
    throw new Error(`not implemented ${peer} ${max}`)
  }

  /**
   * A block arrived from `peer`. Returns the other peers that still had it requested (end game):
   * the engine sends them `cancel`. Returns [] for a block that was not expected.
   */
  onBlockReceived(peer: PeerId, block: BlockRequest): PeerId[] {
    throw new Error(`not implemented ${peer} ${block.index}`)
  }

  /** A request to `peer` was dropped (time-out, choke, cancel): the block can be picked again. */
  onRequestDropped(peer: PeerId, block: BlockRequest): void {
    throw new Error(`not implemented ${peer} ${block.index}`)
  }

  /** The blocks currently requested from `peer`. */
  requestsOf(peer: PeerId): BlockRequest[] {
    throw new Error(`not implemented ${peer}`)
  }

  /** A piece passed its hash check: it is held from now on. */
  onPieceVerified(index: PieceIndex): void {
    throw new Error(`not implemented ${index}`)
  }

  /** A piece failed its hash check: all its blocks are missing again. */
  onPieceFailed(index: PieceIndex): void {
    throw new Error(`not implemented ${index}`)
  }

  /** True once every missing block has been requested at least once (SPEC PP end game). */
  inEndgame(): boolean {
    throw new Error('not implemented')
  }
}

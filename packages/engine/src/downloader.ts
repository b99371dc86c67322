import type {
  BlockRequest,
  Metadata,
  PeerId,
  PieceDeadline,
  PieceIndex,
  PiecePicker,
  SwarmId,
  WireMessageOf,
} from '@swarmdrop/protocol'
import {
  Bitfield,
  PieceBuffer,
  bytesEqual,
  pieceCount,
  pieceHash,
  pieceSize,
  requestQueueDepth,
} from '@swarmdrop/protocol'

import type { SwarmStats } from './events.ts'
import type { ChunkStore } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import { pieceMapOf } from './piece-map.ts'
import { checkIndex, checkSpan } from './piece-checks.ts'
import type { RateMeter } from './rate-meter.ts'
import { RequestExpiry } from './request-expiry.ts'
import type { SwarmContext } from './swarm-context.ts'

export interface DownloaderOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly picker: PiecePicker
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly down: RateMeter
  readonly onComplete: () => void
  /** A piece failed its hash check; these peers sent its blocks. */
  readonly onBadPiece: (contributors: readonly PeerId[]) => void
}

/**
 * Fetches pieces once the metadata is known: requests blocks as the picker says (pipelined,
 * timed out, cancelled in end game), assembles and verifies pieces, stores and announces them.
 *
 * This tracks: 1. pieces being assembled and verified, 2. the bytes we downloaded and verified,
 * 3. (through RequestExpiry) when each neighbour last sent a block. Our requests in flight, each
 * neighbour's pieces and whether it is snubbed are the picker's: this asks it.
 */
export class Downloader {
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly pieceCount: number
  readonly #o: DownloaderOptions
  readonly #picker: PiecePicker
  readonly #buffers = new Map<number, PieceBuffer>()
  readonly #verifying = new Set<number>()
  readonly #expiry: RequestExpiry
  /** Payload of pieces we downloaded and verified (not counting what we seeded with). */
  verifiedBytes = 0

  constructor(options: DownloaderOptions) {
    this.#o = options
    this.metadata = options.metadata
    this.store = options.store
    this.#picker = options.picker
    this.pieceCount = pieceCount(options.metadata)
    this.#expiry = new RequestExpiry(options.ctx, options.picker)
  }

  get piecesVerified(): number {
    return this.#picker.have.count()
  }

  isComplete(): boolean {
    return this.#picker.have.isComplete()
  }

  inEndgame(): boolean {
    return this.#picker.inEndgame()
  }

  /** How many pieces `peer` holds, as the picker knows (0 before its bitfield). */
  piecesOf(peer: PeerId): number {
    return this.#picker.bitfieldOf(peer)?.count() ?? 0
  }

  /** How many of our requests to `peer` are in flight. */
  requestsTo(peer: PeerId): number {
    return this.#picker.requestCount(peer)
  }

  /** Whether piece `index` is verified (the stream route reads only such pieces, SPEC ST-3). */
  has(index: number): boolean {
    return index >= 0 && index < this.pieceCount && this.#picker.have.get(index)
  }

  /**
   * SPEC ST-5, ST-7: hands a viewer's deadlines to the picker and asks at once, ahead of what each
   * neighbour was already asked for.
   */
  setDeadlines(deadlines: readonly PieceDeadline[], fastPeers: ReadonlySet<PeerId>): void {
    this.#picker.setDeadlines(deadlines, fastPeers)
    if (deadlines.length > 0) {
      // SPEC ST-5: deadline blocks go to the front of each neighbour's queue (a neighbour answers
      // in order; see PiecePicker.preemptForDeadlines), so queued later requests are cancelled.
      for (const n of this.#o.neighbours.values()) {
        const preempted =
          n.closed || n.peerChoking ? [] : this.#picker.preemptForDeadlines(n.peerId)
        preempted.forEach((request) => n.send({ type: 'cancel', ...request }))
      }
      this.#refillAll()
    }
  }

  /** The piece map of a stats snapshot: state and availability per piece. */
  pieceMap(): Pick<SwarmStats, 'pieceStates' | 'availability'> {
    return pieceMapOf(this.#picker, this.pieceCount, [...this.#buffers.keys(), ...this.#verifying])
  }

  /** SPEC WR-3: a neighbour we can now talk pieces with gets our bitfield, and we apply its own. */
  greet(n: Neighbour): void {
    n.send({ type: 'bitfield', bytes: this.#picker.have.toBytes() })
    const held = n.takeHeldAvailability()
    if (held.bitfield) {
      this.setBitfield(n, held.bitfield)
    } else {
      this.#register(n, new Bitfield(this.pieceCount))
    }
    for (const index of held.haves) {
      this.addHave(n, index)
    }
  }

  setBitfield(n: Neighbour, bytes: Uint8Array): void {
    this.#register(n, Bitfield.fromBytes(bytes, this.pieceCount))
  }

  addHave(n: Neighbour, index: number): void {
    checkIndex(this.metadata, index)
    if (this.#picker.bitfieldOf(n.peerId) === null) {
      this.#register(n, new Bitfield(this.pieceCount))
    }
    this.#picker.onHave(n.peerId, index as PieceIndex)
    this.#updateInterest(n)
  }

  handlePiece(n: Neighbour, message: WireMessageOf<'piece'>): void {
    const { index, begin, block } = message
    checkSpan(this.metadata, index, begin, block.length)
    n.down.add(block.length)
    this.#o.down.add(block.length)
    this.#expiry.blockArrived(n, this.#o.ctx.clock.now())
    this.#picker.setSnubbed(n.peerId, false)
    const request: BlockRequest = { index, begin, length: block.length }
    if (this.#picker.have.get(index) || this.#verifying.has(index)) {
      return
    }
    let buffer = this.#buffers.get(index)
    if (!buffer) {
      buffer = new PieceBuffer(pieceSize(this.metadata, index), this.#o.ctx.config.blockSize)
      this.#buffers.set(index, buffer)
    }
    // A block that arrives after its request was dropped (a choke, a time-out) is kept if it is
    // still missing: on a slow link a choked neighbour's last block is seconds of work.
    if (!buffer.addBlock(begin, block, n.peerId)) {
      return
    }
    // SPEC PP-6: in end game the same block was asked of others; tell them never mind.
    for (const other of this.#picker.onBlockReceived(n.peerId, request)) {
      this.#o.neighbours.get(other)?.send({ type: 'cancel', ...request })
    }
    if (buffer.isComplete()) {
      this.#buffers.delete(index)
      void this.#verify(index as PieceIndex, buffer)
    }
    this.fillRequests(n)
  }

  /** SPEC PP-1, PP-4: keeps up to pipelineDepth requests in flight to an unchoking neighbour. */
  fillRequests(n: Neighbour): void {
    if (n.closed || n.peerChoking || !n.amInterested) {
      return
    }
    const { pipelineDepth, blockSize } = this.#o.ctx.config
    const depth = requestQueueDepth({
      rateBps: n.down.rate(),
      blockSize,
      minDepth: pipelineDepth,
      snubbed: this.#picker.isSnubbed(n.peerId),
    })
    const room = depth - this.#picker.requestCount(n.peerId)
    if (room <= 0) {
      return
    }
    const now = this.#o.ctx.clock.now()
    for (const request of this.#picker.pickBlocks(n.peerId, room, now)) {
      // SPEC ST-11: a block the player needs soon may be sent ahead of others' requests.
      const type = this.#picker.hasDeadline(request.index) ? 'urgent-request' : 'request'
      n.send({ type, ...request })
    }
  }

  /** SPEC PP-5: a choke drops every request in flight to that neighbour. */
  dropRequests(n: Neighbour): void {
    this.#picker.dropRequests(n.peerId)
    this.#refillAll()
  }

  /** SPEC PP-5: requests with no answer for requestTimeoutMs go back to the pool (RequestExpiry). */
  expireRequests(): void {
    if (this.#expiry.expire(this.#o.neighbours)) {
      this.#refillAll()
    }
  }

  /** A neighbour left: SPEC PP-7 lowers availability, PP-5 frees its requests. */
  forget(n: Neighbour): void {
    this.#picker.removePeer(n.peerId)
    this.#refillAll()
  }

  /**
   * SPEC EN-2: a shunned peer's blocks in pieces not yet complete are thrown away and asked of
   * others. Kept, each would fail its piece later and strike whoever finished it.
   */
  discardBlocksFrom(peer: PeerId): void {
    for (const [index, buffer] of this.#buffers) {
      for (const span of buffer.dropBlocksFrom(peer)) {
        this.#picker.onBlockLost({ index: index as PieceIndex, ...span })
      }
      if (buffer.isEmpty()) {
        this.#buffers.delete(index)
      }
    }
    this.#refillAll()
  }

  async #verify(index: PieceIndex, buffer: PieceBuffer): Promise<void> {
    const { ctx, swarmId } = this.#o
    this.#verifying.add(index)
    const bytes = buffer.bytes()
    // Read before put: a store may take the buffer away (transfer it to a writer thread).
    const pieceBytes = bytes.length
    try {
      const digest = await ctx.hasher(bytes)
      if (!bytesEqual(digest, pieceHash(this.metadata, index))) {
        this.#verifying.delete(index)
        this.#picker.onPieceFailed(index)
        ctx.emit({ type: 'piece-failed', swarmId, index })
        this.#o.onBadPiece(buffer.contributors())
        this.#refillAll()
        return
      }
      // SPEC EN-1: stored, then announced — never the other way round.
      await this.store.put(index, bytes)
    } catch (error) {
      this.#verifying.delete(index)
      this.#picker.onPieceFailed(index)
      ctx.emit({ type: 'error', swarmId, code: 'ERR_STORE', message: String(error) })
      // The piece is missing again: ask for it now, not when some other event next refills (on
      // the last piece there may be none).
      this.#refillAll()
      return
    }
    this.#verifying.delete(index)
    this.#picker.onPieceVerified(index)
    this.verifiedBytes += pieceBytes
    ctx.emit({ type: 'piece-verified', swarmId, index })
    for (const n of this.#o.neighbours.values()) {
      if (n.handshaken) {
        // SPEC WR-3: to every neighbour, even one that holds the piece: a seeder needs no piece,
        // but the haves are how it sees who has finished ("2 people have the whole file").
        n.send({ type: 'have', index })
        this.#updateInterest(n)
      }
    }
    if (this.isComplete()) {
      this.#o.onComplete()
    }
  }

  #register(n: Neighbour, bitfield: Bitfield): void {
    // Requests made against an earlier bitfield are void; the picker keeps the snubbed flag.
    this.#picker.dropRequests(n.peerId)
    this.#picker.addPeer(n.peerId, bitfield)
    this.#updateInterest(n)
  }

  /** SPEC EN-6: interested exactly while the neighbour holds a piece we lack. */
  #updateInterest(n: Neighbour): void {
    const interested = this.#picker.isInterestedIn(n.peerId)
    n.setAmInterested(interested)
    if (interested) {
      this.fillRequests(n)
    }
  }

  #refillAll(): void {
    for (const n of this.#o.neighbours.values()) {
      this.fillRequests(n)
    }
  }
}

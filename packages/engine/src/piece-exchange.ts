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
  ProtocolError,
  bytesEqual,
  pieceCount,
  pieceHash,
  pieceSize,
} from '@swarmdrop/protocol'

import type { PieceInFlight, SwarmStats } from './events.ts'
import { PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from './events.ts'
import type { ChunkStore } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import { MAX_QUEUED_UPLOADS, blockKey } from './neighbour.ts'
import type { RateMeter } from './rate-meter.ts'
import type { TorrentContext } from './torrent-context.ts'

/** Seconds of a neighbour's measured rate we keep requested ahead (libtorrent's default: 3). */
export const REQUEST_QUEUE_SECONDS = 3
/** Upper bound on requests in flight to one neighbour, whatever its rate. */
export const MAX_PIPELINE_DEPTH = 256
/** SPEC WR-4: the longest block anyone may request. */
export const MAX_REQUEST_BYTES = 256 * 1024

export interface PieceExchangeOptions {
  readonly ctx: TorrentContext
  readonly swarmId: SwarmId
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly picker: PiecePicker
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly down: RateMeter
  readonly up: RateMeter
  readonly onComplete: () => void
  /** A piece failed its hash check; these peers sent its blocks. */
  readonly onBadPiece: (contributors: readonly PeerId[]) => void
  readonly onProtocolError: (n: Neighbour, reason: string) => void
}

/**
 * Moves pieces once the metadata is known: requests blocks as the picker says (pipelined,
 * timed out, cancelled in end game), assembles and verifies pieces, stores and announces them,
 * and answers neighbours' requests with backpressure on the channel.
 *
 * This tracks: 1. pieces being assembled, 2. counts of verified pieces and bytes, 3. (through
 * each Neighbour) requests in flight both ways.
 */
export class PieceExchange {
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly pieceCount: number
  readonly #o: PieceExchangeOptions
  readonly #picker: PiecePicker
  readonly #buffers = new Map<number, PieceBuffer>()
  readonly #verifying = new Set<number>()
  #rotation = 0
  /** No request can time out before this (see expireRequests). */
  #nextExpiryAt = 0
  /** Payload of pieces we downloaded and verified (not counting what we seeded with). */
  verifiedBytes = 0

  constructor(options: PieceExchangeOptions) {
    this.#o = options
    this.metadata = options.metadata
    this.store = options.store
    this.#picker = options.picker
    this.pieceCount = pieceCount(options.metadata)
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

  /** Whether piece `index` is verified (the stream route reads only such pieces, SPEC ST-3). */
  has(index: number): boolean {
    return index >= 0 && index < this.pieceCount && this.#picker.have.get(index)
  }

  /** SPEC ST-5, ST-7: hands a viewer's deadlines to the picker and asks at once. */
  setDeadlines(deadlines: readonly PieceDeadline[], fastPeers: ReadonlySet<PeerId>): void {
    this.#picker.setDeadlines(deadlines, fastPeers)
    if (deadlines.length > 0) {
      this.#refillAll()
    }
  }

  /** The piece map of a stats snapshot: state and availability per piece, and who sends what. */
  pieceMap(): Pick<SwarmStats, 'pieceStates' | 'availability' | 'downloading'> {
    const states = new Uint8Array(this.pieceCount)
    const availability = new Uint8Array(this.pieceCount)
    const have = this.#picker.have
    for (let index = 0; index < this.pieceCount; index++) {
      states[index] = have.get(index) ? PIECE_HELD : PIECE_MISSING
      availability[index] = Math.min(255, this.#picker.availability(index as PieceIndex))
    }
    const senders = new Map<number, Set<PeerId>>()
    for (const n of this.#o.neighbours.values()) {
      for (const { request } of n.outstanding.values()) {
        let peers = senders.get(request.index)
        if (!peers) {
          peers = new Set()
          senders.set(request.index, peers)
        }
        peers.add(n.peerId)
      }
    }
    for (const index of [...this.#buffers.keys(), ...this.#verifying]) {
      if (!senders.has(index)) {
        senders.set(index, new Set())
      }
    }
    const downloading: PieceInFlight[] = []
    for (const [index, peers] of senders) {
      if (states[index] !== PIECE_HELD) {
        states[index] = PIECE_IN_FLIGHT
        downloading.push({ index: index as PieceIndex, peers: [...peers] })
      }
    }
    return { pieceStates: states, availability, downloading }
  }

  /** SPEC WR-3: a neighbour we can now talk pieces with gets our bitfield, and we apply its own. */
  greet(n: Neighbour): void {
    n.send({ type: 'bitfield', bytes: this.#picker.have.toBytes() })
    const pending = n.pendingBitfield
    n.pendingBitfield = null
    if (pending) {
      this.setBitfield(n, pending)
    } else {
      this.#register(n, new Bitfield(this.pieceCount))
    }
    const haves = n.pendingHaves
    n.pendingHaves = []
    for (const index of haves) {
      this.addHave(n, index)
    }
  }

  setBitfield(n: Neighbour, bytes: Uint8Array): void {
    this.#register(n, Bitfield.fromBytes(bytes, this.pieceCount))
  }

  addHave(n: Neighbour, index: number): void {
    this.#checkIndex(index)
    if (!n.bitfield) {
      this.#register(n, new Bitfield(this.pieceCount))
    }
    if (!n.bitfield?.get(index)) {
      n.bitfield?.set(index)
      this.#picker.onHave(n.peerId, index as PieceIndex)
    }
    this.#updateInterest(n)
  }

  /** SPEC WR-5: answer only unchoked neighbours, only for pieces we hold. */
  handleRequest(n: Neighbour, message: WireMessageOf<'request'>): void {
    this.#checkSpan(message.index, message.begin, message.length)
    if (message.length > MAX_REQUEST_BYTES) {
      throw new ProtocolError('ERR_BAD_REQUEST', `request of ${message.length} bytes`)
    }
    if (n.amChoking || !this.#picker.have.get(message.index)) {
      return
    }
    if (n.uploadQueue.length >= MAX_QUEUED_UPLOADS) {
      return
    }
    n.uploadQueue.push({ index: message.index, begin: message.begin, length: message.length })
    this.pumpUploads(n)
  }

  handleCancel(n: Neighbour, message: WireMessageOf<'cancel'>): void {
    n.uploadQueue = n.uploadQueue.filter(
      (r) =>
        !(r.index === message.index && r.begin === message.begin && r.length === message.length),
    )
  }

  /** SPEC EN-3: sends queued blocks while the channel's buffer is below the high-water mark. */
  pumpUploads(n: Neighbour): void {
    if (n.uploading) {
      return
    }
    n.uploading = true
    void this.#pump(n).finally(() => {
      n.uploading = false
      // A request may have arrived between the loop's last check and here.
      if (!n.throttleTimer && this.#canUpload(n)) {
        this.pumpUploads(n)
      }
    })
  }

  /** Resumes a neighbour's uploads once the upload cap allows (one timer per neighbour). */
  #scheduleThrottled(n: Neighbour, waitMs: number): void {
    if (n.throttleTimer) {
      return
    }
    n.throttleTimer = this.#o.ctx.clock.setTimeout(() => {
      n.throttleTimer = null
      this.pumpUploads(n)
    }, waitMs)
  }

  /**
   * SPEC EN-3: the high-water mark bounds what all our channels hold unsent together, not each
   * one: they share one uplink, and every byte queued on it delays the requests and haves
   * behind it (bufferbloat stalls the neighbours waiting on them).
   */
  #canUpload(n: Neighbour): boolean {
    return (
      !n.closed &&
      !n.amChoking &&
      n.uploadQueue.length > 0 &&
      this.#bufferedTotal() < this.#o.ctx.config.highWaterMarkBytes
    )
  }

  #bufferedTotal(): number {
    let total = 0
    for (const n of this.#o.neighbours.values()) {
      if (!n.closed) {
        total += n.channel.bufferedAmount
      }
    }
    return total
  }

  /** Some room on the uplink: every neighbour with queued requests gets a turn, in rotation. */
  pumpAll(): void {
    const all = [...this.#o.neighbours.values()]
    const start = all.length > 0 ? this.#rotation++ % all.length : 0
    for (let i = 0; i < all.length; i++) {
      const n = all[(start + i) % all.length] as Neighbour
      // Most neighbours have nothing queued; checking the cheap fields first keeps a drain O(n).
      if (n.uploadQueue.length > 0 && !n.amChoking) {
        this.pumpUploads(n)
      }
    }
  }

  async #pump(n: Neighbour): Promise<void> {
    const { emit } = this.#o.ctx
    while (this.#canUpload(n)) {
      const request = n.uploadQueue[0]
      if (!request) {
        return
      }
      const waitMs = this.#o.ctx.throttle.take(request.length)
      if (waitMs > 0) {
        this.#scheduleThrottled(n, waitMs)
        return
      }
      n.uploadQueue.shift()
      let block: Uint8Array
      try {
        block = await this.store.get(request.index, request.begin, request.length)
      } catch (error) {
        n.uploadQueue = []
        emit({ type: 'error', swarmId: this.#o.swarmId, code: 'ERR_STORE', message: String(error) })
        return
      }
      // The neighbour may have been choked or left while we read; BEP 3 discards the request.
      if (n.closed || n.amChoking) {
        return
      }
      n.send({ type: 'piece', index: request.index, begin: request.begin, block })
      n.up.add(block.length)
      this.#o.up.add(block.length)
    }
  }

  handlePiece(n: Neighbour, message: WireMessageOf<'piece'>): void {
    const { index, begin, block } = message
    this.#checkSpan(index, begin, block.length)
    n.down.add(block.length)
    this.#o.down.add(block.length)
    if (n.snubbed) {
      n.snubbed = false
      this.#picker.setSnubbed(n.peerId, false)
    }
    const key = blockKey(index, begin)
    const request: BlockRequest = { index, begin, length: block.length }
    const outstanding = n.outstanding.get(key)
    if (outstanding?.request.length === block.length) {
      n.outstanding.delete(key)
    }
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
      const peer = this.#o.neighbours.get(other)
      if (peer?.outstanding.delete(key)) {
        peer.send({ type: 'cancel', ...request })
      }
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
    const room = (n.snubbed ? 1 : this.#pipelineDepth(n)) - n.outstanding.size
    if (room <= 0) {
      return
    }
    const now = this.#o.ctx.clock.now()
    for (const request of this.#picker.pickBlocks(n.peerId, room)) {
      n.outstanding.set(blockKey(request.index, request.begin), { request, sentAt: now })
      n.send({ type: 'request', ...request })
    }
  }

  /**
   * SPEC PP-4: enough requests in flight to cover REQUEST_QUEUE_SECONDS of the neighbour's
   * measured rate (libtorrent's request_queue_time), never fewer than pipelineDepth: a fixed
   * depth starves a fast or far neighbour between round trips.
   */
  #pipelineDepth(n: Neighbour): number {
    const { pipelineDepth, blockSize } = this.#o.ctx.config
    const byRate = Math.ceil((n.down.rate() * REQUEST_QUEUE_SECONDS) / blockSize)
    return Math.min(MAX_PIPELINE_DEPTH, Math.max(pipelineDepth, byRate))
  }

  /** SPEC PP-5: a choke drops every request in flight to that neighbour. */
  dropRequests(n: Neighbour): void {
    for (const { request } of n.outstanding.values()) {
      this.#picker.onRequestDropped(n.peerId, request)
    }
    n.outstanding.clear()
    this.#refillAll()
  }

  /** SPEC PP-5: requests unanswered for requestTimeoutMs go back to the pool. */
  expireRequests(): void {
    const { clock, config } = this.#o.ctx
    const now = clock.now()
    // Requests only get younger, so nothing expires before the oldest one seen at the last scan.
    if (now < this.#nextExpiryAt) {
      return
    }
    let expired = false
    let oldest = Number.POSITIVE_INFINITY
    for (const n of this.#o.neighbours.values()) {
      for (const [key, { request, sentAt }] of n.outstanding) {
        if (now - sentAt > config.requestTimeoutMs) {
          n.snubbed = true
          this.#picker.setSnubbed(n.peerId, true)
          n.outstanding.delete(key)
          this.#picker.onRequestDropped(n.peerId, request)
          n.send({ type: 'cancel', ...request })
          expired = true
        } else {
          oldest = Math.min(oldest, sentAt)
        }
      }
    }
    this.#nextExpiryAt = Math.min(oldest, now) + config.requestTimeoutMs
    if (expired) {
      this.#refillAll()
    }
  }

  /** A neighbour left: SPEC PP-7 lowers availability, PP-5 frees its requests. */
  forget(n: Neighbour): void {
    this.#picker.removePeer(n.peerId)
    n.outstanding.clear()
    n.uploadQueue = []
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
        const contributors = buffer.contributors()
        ctx.emit({ type: 'piece-failed', swarmId, index, contributors })
        this.#o.onBadPiece(contributors)
        this.#refillAll()
        return
      }
      // SPEC EN-1: stored, then announced — never the other way round.
      await this.store.put(index, bytes)
    } catch (error) {
      this.#verifying.delete(index)
      this.#picker.onPieceFailed(index)
      ctx.emit({ type: 'error', swarmId, code: 'ERR_STORE', message: String(error) })
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
    if (n.bitfield) {
      this.#picker.removePeer(n.peerId)
      for (const { request } of n.outstanding.values()) {
        this.#picker.onRequestDropped(n.peerId, request)
      }
      n.outstanding.clear()
    }
    n.bitfield = bitfield
    this.#picker.addPeer(n.peerId, bitfield)
    this.#updateInterest(n)
  }

  /** SPEC EN-6: interested exactly while the neighbour holds a piece we lack. */
  #updateInterest(n: Neighbour): void {
    const interested = n.bitfield !== null && this.#picker.isInterestedIn(n.peerId)
    if (interested !== n.amInterested) {
      n.amInterested = interested
      n.send({ type: interested ? 'interested' : 'not-interested' })
    }
    if (interested) {
      this.fillRequests(n)
    }
  }

  #refillAll(): void {
    for (const n of this.#o.neighbours.values()) {
      this.fillRequests(n)
    }
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.pieceCount) {
      throw new ProtocolError('ERR_BAD_REQUEST', `piece index ${index} out of range`)
    }
  }

  #checkSpan(index: number, begin: number, length: number): void {
    this.#checkIndex(index)
    if (length <= 0 || begin < 0 || begin + length > pieceSize(this.metadata, index)) {
      throw new ProtocolError('ERR_BAD_REQUEST', `block ${begin}+${length} outside piece ${index}`)
    }
  }
}

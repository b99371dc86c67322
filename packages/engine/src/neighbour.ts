import type {
  Bitfield,
  BlockRequest,
  Clock,
  PeerId,
  Unsubscribe,
  WireMessage,
} from '@swarmdrop/protocol'
import { encode } from '@swarmdrop/protocol'

import type { PeerStats } from './events.ts'
import type { Channel } from './interfaces.ts'
import { RateMeter } from './rate-meter.ts'

/** Most requests we queue for one neighbour; more is abuse, not pipelining. */
export const MAX_QUEUED_UPLOADS = 512
/** Most `have`s we hold for a neighbour while we still lack the metadata. */
export const MAX_PENDING_HAVES = 100_000

/**
 * Key of a block within a swarm: a number, not a string, because it is built and looked up for
 * every request and every block (begin < 2^32 and index < 2^21 keep it exact).
 */
export const blockKey = (index: number, begin: number): number => index * 0x1_0000_0000 + begin

/** A request we sent and when. */
export interface OutstandingRequest {
  readonly request: BlockRequest
  readonly sentAt: number
}

/**
 * One connected peer of one swarm and our protocol state with it (BEP 3 names).
 *
 * This tracks: 1. the four choke/interest flags, 2. its pieces (or the raw bitfield and haves
 * received before we had the metadata), 3. our requests to it and its requests to us,
 * 4. transfer rates in both directions, 5. when we last sent to it and last heard from it (EN-10,
 * EN-11).
 */
export class Neighbour {
  amChoking = true
  amInterested = false
  peerChoking = true
  peerInterested = false
  handshaken = false
  /** The peer can serve metadata (handshake flag, or it sent a bitfield). */
  remoteHasMetadata = false
  bitfield: Bitfield | null = null
  pendingBitfield: Uint8Array | null = null
  pendingHaves: number[] = []
  readonly outstanding = new Map<number, OutstandingRequest>()
  /**
   * A request to it timed out and it has sent no block since (libtorrent's "snubbed"): it gets
   * one request at a time, and in end game its requests do not hold a block back from others
   * (SPEC PP-5, PP-6).
   */
  snubbed = false
  uploadQueue: BlockRequest[] = []
  uploading = false
  /** Set while the upload cap holds this neighbour's uploads back. */
  throttleTimer: Unsubscribe | null = null
  closed = false
  readonly down: RateMeter
  readonly up: RateMeter
  readonly connectedAt: number
  #lastSentAt: number
  #lastReceivedAt: number
  readonly #clock: Clock

  constructor(
    readonly peerId: PeerId,
    readonly channel: Channel,
    clock: Clock,
    rateWindowMs: number,
  ) {
    this.#clock = clock
    this.down = new RateMeter(clock, rateWindowMs)
    this.up = new RateMeter(clock, rateWindowMs)
    this.connectedAt = clock.now()
    // A fresh channel counts as heard from: the idle timeout starts when it opens.
    this.#lastSentAt = this.connectedAt
    this.#lastReceivedAt = this.connectedAt
  }

  /** When we last sent it a frame (engine clock, ms). */
  get lastSentAt(): number {
    return this.#lastSentAt
  }

  /** When a frame from it last arrived, keep-alives included (engine clock, ms). */
  get lastReceivedAt(): number {
    return this.#lastReceivedAt
  }

  /** Notes that a frame arrived from it, whatever the frame (SPEC EN-11). */
  received(): void {
    this.#lastReceivedAt = this.#clock.now()
  }

  /** Sends one frame; a channel that closed under us is reported through onClose, not here. */
  send(message: WireMessage): void {
    if (this.closed) {
      return
    }
    try {
      this.channel.send(encode(message))
      this.#lastSentAt = this.#clock.now()
    } catch {
      this.closed = true
      this.channel.close()
    }
  }

  /** Marks the neighbour gone and cancels its pending upload timer. */
  dispose(): void {
    this.closed = true
    this.throttleTimer?.()
    this.throttleTimer = null
  }

  stats(optimistic: boolean): PeerStats {
    return {
      peerId: this.peerId,
      amChoking: this.amChoking,
      amInterested: this.amInterested,
      peerChoking: this.peerChoking,
      peerInterested: this.peerInterested,
      downBps: Math.round(this.down.recentRate()),
      upBps: Math.round(this.up.recentRate()),
      downloadedBytes: this.down.total,
      uploadedBytes: this.up.total,
      piecesHeld: this.bitfield?.count() ?? 0,
      hasMetadata: this.remoteHasMetadata,
      optimistic,
      requestsOut: this.outstanding.size,
      requestsIn: this.uploadQueue.length,
      connectedAt: this.connectedAt,
      route: this.channel.route?.() ?? null,
    }
  }
}

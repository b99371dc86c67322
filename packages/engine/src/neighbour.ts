import type { BlockRequest, Clock, PeerId, WireMessage } from '@swarmdrop/protocol'
import { encode, encodePieceParts } from '@swarmdrop/protocol'

import type { PeerStats } from './events.ts'
import type { Channel } from './interfaces.ts'
import { RateMeter } from './rate-meter.ts'

/** Most requests we queue for one neighbour; more is abuse, not pipelining. */
export const MAX_QUEUED_UPLOADS = 512
/** Most `have`s we hold for a neighbour while we still lack the metadata. */
export const MAX_PENDING_HAVES = 100_000

/** What a neighbour told us of its pieces before we had the metadata to read it. */
export interface HeldAvailability {
  readonly bitfield: Uint8Array | null
  readonly haves: readonly number[]
}

/** The facts of one neighbour that the picker owns, for its stats row. */
export interface PickerFacts {
  readonly piecesHeld: number
  readonly requestsOut: number
}

const sameBlock = (a: BlockRequest, b: BlockRequest): boolean =>
  a.index === b.index && a.begin === b.begin && a.length === b.length

/**
 * One connected peer of one swarm and our connection state with it (BEP 3 names). Other modules
 * read it and change it only through its methods; its pieces, our requests to it and whether it
 * is snubbed are the picker's facts, not kept here.
 *
 * This tracks: 1. the four choke/interest flags, 2. whether the proof exchange settled and
 * whether it can serve metadata, 3. the raw bitfield and haves received before we had the
 * metadata, 4. its requests to us, 5. transfer rates in both directions, 6. when we last sent to
 * it and last heard from it (EN-10, EN-11), 7. whether its channel is closed.
 */
export class Neighbour {
  #amChoking = true
  #amInterested = false
  #peerChoking = true
  #peerInterested = false
  #handshaken = false
  #remoteHasMetadata = false
  #pendingBitfield: Uint8Array | null = null
  #pendingHaves: number[] = []
  #uploadQueue: BlockRequest[] = []
  /** SPEC ST-11: the first this-many entries of #uploadQueue are its urgent requests, in order. */
  #urgentUploads = 0
  #closed = false
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

  get amChoking(): boolean {
    return this.#amChoking
  }

  get amInterested(): boolean {
    return this.#amInterested
  }

  get peerChoking(): boolean {
    return this.#peerChoking
  }

  get peerInterested(): boolean {
    return this.#peerInterested
  }

  /** Both proofs settled (SPEC PL-6): pieces and metadata may flow. */
  get handshaken(): boolean {
    return this.#handshaken
  }

  /** The peer can serve metadata (handshake flag, or it sent a bitfield). */
  get remoteHasMetadata(): boolean {
    return this.#remoteHasMetadata
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Its requests to us, oldest first. */
  get uploadQueue(): readonly BlockRequest[] {
    return this.#uploadQueue
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

  /** SPEC PL-6: the proof exchange passed; from now on the swarm talks pieces with it. */
  markHandshaken(remoteHasMetadata: boolean): void {
    this.#handshaken = true
    this.#remoteHasMetadata = remoteHasMetadata
  }

  /** A bitfield arrived: whoever sends one holds the metadata. */
  markHasMetadata(): void {
    this.#remoteHasMetadata = true
  }

  /** It choked or unchoked us (BEP 3). */
  setPeerChoking(choking: boolean): void {
    this.#peerChoking = choking
  }

  /** It told us it is (not) interested (BEP 3). */
  setPeerInterested(interested: boolean): void {
    this.#peerInterested = interested
  }

  /**
   * We choke or unchoke it, telling it only when that changes something. BEP 3: requests
   * pending when we choke are discarded; the peer re-requests later.
   * @returns whether our state changed
   */
  setAmChoking(choking: boolean): boolean {
    if (choking === this.#amChoking) {
      return false
    }
    this.#amChoking = choking
    this.send({ type: choking ? 'choke' : 'unchoke' })
    if (choking) {
      this.clearUploads()
    }
    return true
  }

  /** SPEC EN-6: we tell it of our interest only when it changes. */
  setAmInterested(interested: boolean): void {
    if (interested !== this.#amInterested) {
      this.#amInterested = interested
      this.send({ type: interested ? 'interested' : 'not-interested' })
    }
  }

  /** Keeps a bitfield that arrived before the metadata (a copy: the frame's buffer is reused). */
  holdBitfield(bytes: Uint8Array): void {
    this.#pendingBitfield = bytes.slice()
  }

  /** Keeps a have that arrived before the metadata, up to MAX_PENDING_HAVES. */
  holdHave(index: number): void {
    if (this.#pendingHaves.length < MAX_PENDING_HAVES) {
      this.#pendingHaves.push(index)
    }
  }

  /** Hands over what holdBitfield and holdHave kept, and forgets it. */
  takeHeldAvailability(): HeldAvailability {
    const held = { bitfield: this.#pendingBitfield, haves: this.#pendingHaves }
    this.#pendingBitfield = null
    this.#pendingHaves = []
    return held
  }

  /**
   * Queues one of its requests to us; an urgent one (SPEC ST-11) goes after its other urgent
   * ones but before all its others. @returns false when the queue is full (it is dropped)
   */
  queueUpload(request: BlockRequest, urgent = false): boolean {
    if (this.#uploadQueue.length >= MAX_QUEUED_UPLOADS) {
      return false
    }
    if (urgent) {
      this.#uploadQueue.splice(this.#urgentUploads++, 0, request)
    } else {
      this.#uploadQueue.push(request)
    }
    return true
  }

  /** Whether the request at the head of its queue is an urgent one (SPEC ST-11). */
  get headIsUrgent(): boolean {
    return this.#urgentUploads > 0
  }

  /** It cancelled a request (BEP 3 cancel). */
  cancelUpload(request: BlockRequest): void {
    // One pass; the urgent ones left are those kept from the urgent front.
    let urgentKept = 0
    this.#uploadQueue = this.#uploadQueue.filter((r, at) => {
      const keep = !sameBlock(r, request)
      if (keep && at < this.#urgentUploads) {
        urgentKept++
      }
      return keep
    })
    this.#urgentUploads = urgentKept
  }

  /** Takes the request at the head of its queue (its oldest urgent one, else its oldest). */
  shiftUpload(): BlockRequest | undefined {
    if (this.#urgentUploads > 0) {
      this.#urgentUploads--
    }
    return this.#uploadQueue.shift()
  }

  /** Drops every request it made of us (it left, or the store failed). */
  clearUploads(): void {
    this.#uploadQueue = []
    this.#urgentUploads = 0
  }

  /** Sends one frame; a channel that closed under us is reported through onClose, not here. */
  send(message: WireMessage): void {
    if (this.#closed) {
      return
    }
    try {
      if (message.type === 'piece' && this.channel.sendParts) {
        // The block is copied once, into the channel's message, not first into a frame.
        this.channel.sendParts(encodePieceParts(message))
      } else {
        this.channel.send(encode(message))
      }
      this.#lastSentAt = this.#clock.now()
    } catch {
      this.#closed = true
      this.channel.close()
    }
  }

  /** Marks the neighbour gone: nothing more is sent to it. */
  dispose(): void {
    this.#closed = true
  }

  /** Its row of a stats snapshot; what the picker owns is passed in. */
  stats(optimistic: boolean, facts: PickerFacts): PeerStats {
    return {
      peerId: this.peerId,
      amChoking: this.#amChoking,
      amInterested: this.#amInterested,
      peerChoking: this.#peerChoking,
      peerInterested: this.#peerInterested,
      downBps: Math.round(this.down.recentRate()),
      upBps: Math.round(this.up.recentRate()),
      downloadedBytes: this.down.total,
      uploadedBytes: this.up.total,
      piecesHeld: facts.piecesHeld,
      hasMetadata: this.#remoteHasMetadata,
      optimistic,
      requestsOut: facts.requestsOut,
      requestsIn: this.#uploadQueue.length,
      connectedAt: this.connectedAt,
      route: this.channel.route?.() ?? null,
    }
  }
}

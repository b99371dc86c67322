import type {
  Bitfield,
  Metadata,
  PeerId,
  SwarmId,
  Unsubscribe,
  UrgentCredit,
  WireMessageOf,
} from '@swarmdrop/protocol'
import {
  PieceTurns,
  ProtocolError,
  fullUrgentCredit,
  mayJumpQueue,
  refillUrgentCredit,
  spendUrgentCredit,
} from '@swarmdrop/protocol'

import type { ChunkStore } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import { checkSpan } from './piece-checks.ts'
import type { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'

/** SPEC WR-4: the longest block anyone may request. */
export const MAX_REQUEST_BYTES = 256 * 1024
/**
 * SPEC EN-16: the longest wait for a piece turn, as a share of the request timeout (ours stands
 * in for the neighbour's): a quarter leaves a block that waited its turn time to arrive.
 */
const MAX_TURN_WAIT_OF_TIMEOUT = 0.25

export interface UploaderOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly metadata: Metadata
  readonly store: ChunkStore
  /** The pieces we hold (the picker's). */
  readonly have: Bitfield
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly up: RateMeter
}

/** The piece of `n`'s next block, or null while it cannot be sent one (EN-16's turns). */
const pieceToSend = (n: Neighbour): number | null =>
  n.closed || n.amChoking ? null : (n.uploadQueue[0]?.index ?? null)

/**
 * Answers neighbours' requests: queues what an unchoked neighbour asks for a piece we hold, and
 * sends it with backpressure on the channels and under the upload cap (SPEC WR-5, EN-3). A
 * neighbour's urgent requests go first, ahead of every other neighbour's, within its urgent
 * credit (SPEC ST-11); the others are served one neighbour's piece at a time (EN-16).
 *
 * This tracks: 1. the rotation that gives every neighbour a turn when the uplink drains,
 * 2. which neighbours have a send loop running, 3. the timers of neighbours the upload cap holds
 * back, 4. each neighbour's urgent credit, 5. the neighbours holding back for another's urgent
 * blocks or piece turn, and whether anyone ever asked urgently, 6. (through PieceTurns) whose
 * piece turn it is and who waits for one; (through each Neighbour) its queue of requests.
 */
export class Uploader {
  readonly #o: UploaderOptions
  #rotation = 0
  readonly #sending = new WeakSet<Neighbour>()
  readonly #throttled = new Map<Neighbour, Unsubscribe>()
  readonly #credit = new WeakMap<Neighbour, UrgentCredit>()
  /**
   * Neighbours whose next block waits for another's urgent ones or piece turn (EN-16); pumped
   * again when another's send loop ends.
   */
  readonly #held = new Set<Neighbour>()
  /** Until a neighbour asks urgently, no send looks for urgent blocks elsewhere (it is O(n)). */
  #urgentSeen = false
  /** SPEC EN-16: one neighbour's piece at a time. */
  readonly #turns: PieceTurns<Neighbour>

  constructor(options: UploaderOptions) {
    this.#o = options
    this.#turns = new PieceTurns(options.ctx.config.requestTimeoutMs * MAX_TURN_WAIT_OF_TIMEOUT)
  }

  /** SPEC WR-5: answer only unchoked neighbours, only for pieces we hold; ST-11: urgent first. */
  handleRequest(n: Neighbour, message: WireMessageOf<'request' | 'urgent-request'>): void {
    checkSpan(this.#o.metadata, message.index, message.begin, message.length)
    if (message.length > MAX_REQUEST_BYTES) {
      throw new ProtocolError('ERR_BAD_REQUEST', `request of ${message.length} bytes`)
    }
    if (n.amChoking || !this.#o.have.get(message.index)) {
      return
    }
    const urgent = message.type === 'urgent-request'
    this.#urgentSeen ||= urgent
    const request = { index: message.index, begin: message.begin, length: message.length }
    if (n.queueUpload(request, urgent)) {
      this.pump(n)
    }
  }

  handleCancel(n: Neighbour, message: WireMessageOf<'cancel'>): void {
    n.cancelUpload(message)
    this.urgentGone()
  }

  /**
   * Requests were dropped without a send (a cancel, a choke): an urgent block the others were
   * holding back for may be among them, so they look again.
   */
  urgentGone(): void {
    this.#releaseHeld()
  }

  /** SPEC EN-3: sends queued blocks while the channel's buffer is below the high-water mark. */
  pump(n: Neighbour): void {
    if (this.#sending.has(n)) {
      return
    }
    this.#sending.add(n)
    this.#held.delete(n)
    void this.#send(n).finally(() => {
      this.#sending.delete(n)
      if (this.#held.has(n)) {
        // It waits for another's urgent blocks; that one's loop ending pumps it again.
        return
      }
      // A request may have arrived between the loop's last check and here.
      if (!this.#throttled.has(n) && this.#canUpload(n)) {
        this.pump(n)
        return
      }
      // Only a loop that really ended releases the held: one that goes on may hold itself
      // again at once, and releasing it then would pump it forever.
      this.#releaseHeld()
    })
  }

  /** Some room on the uplink: every neighbour with queued requests gets a turn, in rotation. */
  pumpAll(): void {
    const all = [...this.#o.neighbours.values()]
    const start = all.length > 0 ? this.#rotation++ % all.length : 0
    for (let i = 0; i < all.length; i++) {
      const n = all[(start + i) % all.length] as Neighbour
      // Most neighbours have nothing queued; checking the cheap fields first keeps a drain O(n).
      if (n.uploadQueue.length > 0 && !n.amChoking) {
        this.pump(n)
      }
    }
  }

  /** A neighbour left: what it asked of us is void, and its throttle timer is cancelled. */
  forget(n: Neighbour): void {
    n.clearUploads()
    this.#throttled.get(n)?.()
    this.#throttled.delete(n)
    this.#held.delete(n)
    this.#turns.forget(n)
    this.urgentGone()
  }

  /** The swarm is leaving: no throttle timer may fire after it. */
  stop(): void {
    for (const cancel of this.#throttled.values()) {
      cancel()
    }
    this.#throttled.clear()
    this.#held.clear()
  }

  /** Gives the neighbours held back for urgent blocks their turn again (they re-check). */
  #releaseHeld(): void {
    if (this.#held.size === 0) {
      return
    }
    const held = [...this.#held]
    this.#held.clear()
    for (const n of held) {
      this.pump(n)
    }
  }

  /** `n`'s urgent credit, refilled up to now (SPEC ST-11). */
  #creditOf(n: Neighbour): UrgentCredit {
    const now = this.#o.ctx.clock.now()
    const credit = this.#credit.get(n)
    const { pieceLength } = this.#o.metadata
    const fresh =
      credit === undefined
        ? fullUrgentCredit(now, pieceLength)
        : refillUrgentCredit(credit, now, this.#o.up.rate(), pieceLength)
    this.#credit.set(n, fresh)
    return fresh
  }

  /** Whether `n`'s next block is urgent and its credit lets it go ahead of others (ST-11). */
  #jumpsQueue(n: Neighbour): boolean {
    const head = n.uploadQueue[0]
    return head !== undefined && n.headIsUrgent && mayJumpQueue(this.#creditOf(n), head.length)
  }

  /** Whether another unchoked neighbour has an urgent block that may go before `n`'s next. */
  #urgentElsewhere(n: Neighbour): boolean {
    if (!this.#urgentSeen) {
      return false
    }
    for (const other of this.#o.neighbours.values()) {
      if (other !== n && !other.closed && !other.amChoking && this.#jumpsQueue(other)) {
        return true
      }
    }
    return false
  }

  /**
   * SPEC EN-16: whether it is `n`'s turn to send a block of piece `index`. If not, `n` is held
   * and the neighbour whose turn it is now, if that changed, is sent on.
   */
  #takeTurn(n: Neighbour, index: number): boolean {
    const { go, wake } = this.#turns.take(n, index, this.#o.ctx.clock.now(), pieceToSend)
    if (go) {
      return true
    }
    this.#held.add(n)
    if (wake !== null) {
      // Not through #held: its own loop may still be ending, and it must look again after.
      this.#held.delete(wake)
      this.pump(wake)
    }
    return false
  }

  /** Resumes a neighbour's uploads once the upload cap allows (one timer per neighbour). */
  #scheduleThrottled(n: Neighbour, waitMs: number): void {
    if (this.#throttled.has(n)) {
      return
    }
    const cancel = this.#o.ctx.clock.setTimeout(() => {
      this.#throttled.delete(n)
      this.pump(n)
    }, waitMs)
    this.#throttled.set(n, cancel)
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

  async #send(n: Neighbour): Promise<void> {
    const { ctx, store, swarmId } = this.#o
    while (this.#canUpload(n)) {
      const request = n.uploadQueue[0]
      if (!request) {
        return
      }
      const jumps = this.#urgentSeen && this.#jumpsQueue(n)
      if (!jumps && this.#urgentElsewhere(n)) {
        this.#held.add(n)
        return
      }
      if (!jumps && !this.#takeTurn(n, request.index)) {
        return
      }
      const waitMs = ctx.throttle.take(request.length)
      if (waitMs > 0) {
        this.#scheduleThrottled(n, waitMs)
        return
      }
      n.shiftUpload()
      if (jumps) {
        this.#credit.set(n, spendUrgentCredit(this.#creditOf(n), request.length))
      }
      let block: Uint8Array
      try {
        block = await store.get(request.index, request.begin, request.length)
      } catch (error) {
        n.clearUploads()
        ctx.emit({ type: 'error', swarmId, code: 'ERR_STORE', message: String(error) })
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
}

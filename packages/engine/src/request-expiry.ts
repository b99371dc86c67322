import type { PeerId, PiecePicker } from '@swarmdrop/protocol'

import type { Neighbour } from './neighbour.ts'
import type { SwarmContext } from './swarm-context.ts'

/**
 * SPEC PP-5: a neighbour's requests go back to the pool once requestTimeoutMs passed with no
 * block from it, counted from the request or its latest block, whichever is later (libtorrent's
 * request_timeout). A neighbour that keeps sending blocks is working through its queue: on a
 * slow or loaded link a request waits behind seconds of queued blocks, and timing it out there
 * only cancels it at the back of the queue and asks again, one block at a time.
 *
 * This tracks: 1. when each neighbour last sent us a block, 2. the earliest time any request can
 * time out (so a scan that cannot find one is skipped). The requests are the picker's.
 */
export class RequestExpiry {
  readonly #ctx: SwarmContext
  readonly #picker: PiecePicker
  /** No request can time out before this (see expire). */
  #nextExpiryAt = 0
  readonly #lastBlockAt = new WeakMap<Neighbour, number>()

  constructor(ctx: SwarmContext, picker: PiecePicker) {
    this.#ctx = ctx
    this.#picker = picker
  }

  /** A block arrived from `n` (engine clock, ms). */
  blockArrived(n: Neighbour, now: number): void {
    this.#lastBlockAt.set(n, now)
  }

  /**
   * Drops (and cancels) the requests that timed out; the picker snubs their neighbours.
   * @returns whether any request was dropped
   */
  expire(neighbours: ReadonlyMap<PeerId, Neighbour>): boolean {
    const { clock, config } = this.#ctx
    const now = clock.now()
    // Deadlines only move later, so nothing expires before the earliest one seen at the last scan.
    if (now < this.#nextExpiryAt) {
      return false
    }
    let expired = false
    let oldest = Number.POSITIVE_INFINITY
    // A request times out when both it and the neighbour's latest block are older than this.
    const cutoff = now - config.requestTimeoutMs
    for (const n of neighbours.values()) {
      const lastBlockAt = this.#lastBlockAt.get(n) ?? Number.NEGATIVE_INFINITY
      if (lastBlockAt < cutoff) {
        for (const request of this.#picker.expireRequests(n.peerId, cutoff)) {
          n.send({ type: 'cancel', ...request })
          expired = true
        }
      }
      oldest = Math.min(oldest, Math.max(this.#picker.oldestRequestAt(n.peerId), lastBlockAt))
    }
    this.#nextExpiryAt = Math.min(oldest, now) + config.requestTimeoutMs
    return expired
  }
}

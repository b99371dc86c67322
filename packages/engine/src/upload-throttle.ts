import type { Clock } from '@swarmdrop/protocol'

/** Burst the bucket allows: a quarter second of the limit keeps sends smooth yet batched. */
const BURST_SECONDS = 0.25

/**
 * A token bucket shared by every upload of an engine (the per-peer upload cap every torrent
 * client offers). Tokens may go negative by one block, so a block is never split; the next
 * send then waits until the debt is repaid.
 *
 * This tracks: 1. the limit (0 = none), 2. the tokens left and when they were last refilled.
 */
export class UploadThrottle {
  readonly #clock: Clock
  #rateBps: number
  #tokens = 0
  #refilledAt: number

  constructor(clock: Clock, rateBps: number) {
    this.#clock = clock
    this.#rateBps = rateBps
    this.#refilledAt = clock.now()
    this.#tokens = rateBps * BURST_SECONDS
  }

  get rateBps(): number {
    return this.#rateBps
  }

  setRate(rateBps: number): void {
    this.#refill()
    this.#rateBps = Math.max(0, rateBps)
    this.#tokens = Math.min(this.#tokens, this.#rateBps * BURST_SECONDS)
  }

  /**
   * Takes `bytes` if the bucket is not in debt and returns 0; otherwise takes nothing and
   * returns how many ms to wait before asking again.
   */
  take(bytes: number): number {
    if (this.#rateBps <= 0) {
      return 0
    }
    this.#refill()
    if (this.#tokens < 0) {
      return Math.max(1, Math.ceil((-this.#tokens / this.#rateBps) * 1000))
    }
    this.#tokens -= bytes
    return 0
  }

  #refill(): void {
    const now = this.#clock.now()
    const burst = this.#rateBps * BURST_SECONDS
    this.#tokens = Math.min(burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.#rateBps)
    this.#refilledAt = now
  }
}

import type { Clock } from '@swarmdrop/protocol'

/** Buckets per window: enough resolution that a rate reacts within a tenth of the window. */
const BUCKETS = 20

/**
 * A rolling average of bytes/s over a window (BitTorrent clients rank peers by a ~20 s rolling
 * rate; we scale the window with the rechoke interval so fast test configs still see a rate).
 *
 * This tracks: 1. bytes per time bucket over the last window, 2. the total ever added.
 */
export class RateMeter {
  readonly #clock: Clock
  readonly #bucketMs: number
  readonly #buckets = new Float64Array(BUCKETS)
  readonly #startedAt: number
  #bucketIndex: number
  /** Sum of the buckets: the choker asks every neighbour's rate each round, so keep it at hand. */
  #windowSum = 0
  #total = 0

  constructor(clock: Clock, windowMs: number) {
    this.#clock = clock
    this.#bucketMs = Math.max(1, windowMs / BUCKETS)
    this.#startedAt = clock.now()
    this.#bucketIndex = this.#currentIndex()
  }

  /** Counts `bytes` as transferred now. */
  add(bytes: number): void {
    this.#roll()
    this.#buckets[this.#bucketIndex % BUCKETS] =
      (this.#buckets[this.#bucketIndex % BUCKETS] ?? 0) + bytes
    this.#windowSum += bytes
    this.#total += bytes
  }

  /** Bytes/s over the window (or over the meter's life while it is younger than the window). */
  rate(): number {
    this.#roll()
    const windowMs = this.#bucketMs * BUCKETS
    const elapsedMs = Math.min(
      windowMs,
      Math.max(this.#bucketMs, this.#clock.now() - this.#startedAt),
    )
    return (this.#windowSum * 1000) / elapsedMs
  }

  /** Bytes ever added. */
  get total(): number {
    return this.#total
  }

  #currentIndex(): number {
    return Math.floor(this.#clock.now() / this.#bucketMs)
  }

  /** Zeroes the buckets that fell out of the window since the last call. */
  #roll(): void {
    const index = this.#currentIndex()
    const stale = Math.min(BUCKETS, index - this.#bucketIndex)
    if (stale === BUCKETS) {
      this.#buckets.fill(0)
      this.#windowSum = 0
    } else {
      for (let i = 1; i <= stale; i++) {
        const bucket = (this.#bucketIndex + i) % BUCKETS
        this.#windowSum -= this.#buckets[bucket] ?? 0
        this.#buckets[bucket] = 0
      }
    }
    this.#bucketIndex = Math.max(this.#bucketIndex, index)
  }
}

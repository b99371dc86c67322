import type { Clock } from '@swarmdrop/protocol'

/** Buckets per window: enough resolution that a rate reacts within a tenth of the window. */
const BUCKETS = 20

/** The span of the shown rate (SPEC EN-15): long enough to be steady, short enough to be true. */
export const RECENT_RATE_MS = 3_000

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

  /**
   * Bytes/s over the last `recentMs` only (whole buckets, at most the window): what the page
   * shows, so a rate falls to 0 within `recentMs` of the transfer stopping instead of lingering
   * for the whole ranking window (SPEC EN-15).
   */
  recentRate(recentMs: number = RECENT_RATE_MS): number {
    this.#roll()
    const count = Math.min(BUCKETS, Math.max(1, Math.ceil(recentMs / this.#bucketMs)))
    let sum = 0
    for (let i = 0; i < count; i++) {
      sum += this.#buckets[(this.#bucketIndex - i + BUCKETS * 2) % BUCKETS] ?? 0
    }
    // The newest bucket is partly elapsed; dividing by whole buckets would under-read a steady
    // rate by up to a bucket, so count the elapsed part of it.
    const intoBucketMs = this.#clock.now() - this.#bucketIndex * this.#bucketMs
    const spanMs = Math.min(
      (count - 1) * this.#bucketMs + Math.max(0, intoBucketMs),
      Math.max(this.#bucketMs, this.#clock.now() - this.#startedAt),
    )
    return spanMs <= 0 ? 0 : (sum * 1000) / spanMs
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

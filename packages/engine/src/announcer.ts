import type { Clock, DiscoveryId, Logger, Unsubscribe } from '@swarmdrop/protocol'

import type { AnnounceResponse, TrackerClient } from './interfaces.ts'

/** SPEC TR-4: early re-announces are at most this frequent. */
export const EARLY_ANNOUNCE_MS = 5_000
/** Back-off after a failed announce: doubles from the first to the cap (SPEC TR-11). */
export const ANNOUNCE_RETRY_FIRST_MS = 1_000
export const ANNOUNCE_RETRY_MAX_MS = 30_000

export interface AnnouncerOptions {
  readonly discoveryId: DiscoveryId
  readonly tracker: TrackerClient
  readonly clock: Clock
  readonly logger: Logger
  readonly numWant: number
  readonly seeding: () => boolean
  /** Whether we want more neighbours than we have (and the swarm has more to offer). */
  readonly wantsMorePeers: () => boolean
  readonly onResponse: (response: AnnounceResponse) => void
  readonly onFailure: (error: Error) => void
}

/**
 * Keeps one swarm announced: at once, then every interval the tracker asks for, early while
 * we want more neighbours, and with capped exponential back-off while the tracker is away.
 *
 * This tracks: 1. the one pending timer, 2. the current back-off, 3. when we last announced.
 */
export class Announcer {
  readonly #options: AnnouncerOptions
  #timer: Unsubscribe | null = null
  #dueAt = Number.POSITIVE_INFINITY
  #retryMs = ANNOUNCE_RETRY_FIRST_MS
  #lastAt = Number.NEGATIVE_INFINITY
  #inFlight = false
  #stopped = false

  constructor(options: AnnouncerOptions) {
    this.#options = options
  }

  /** Announces now (first join, completion, tracker reconnected). */
  announceNow(): void {
    this.#schedule(0)
  }

  /** Announces soon if we want peers, never more often than EARLY_ANNOUNCE_MS (SPEC TR-4). */
  announceEarly(): void {
    if (this.#inFlight || this.#stopped || !this.#options.wantsMorePeers()) {
      return
    }
    const now = this.#options.clock.now()
    const at = Math.max(now, this.#lastAt + EARLY_ANNOUNCE_MS)
    if (at < this.#dueAt) {
      this.#schedule(at - now)
    }
  }

  /** Stops announcing and leaves the swarm. */
  stop(): void {
    this.#stopped = true
    this.#timer?.()
    this.#timer = null
    this.#options.tracker.leave(this.#options.discoveryId)
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) {
      return
    }
    this.#timer?.()
    this.#dueAt = this.#options.clock.now() + delayMs
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null
      this.#dueAt = Number.POSITIVE_INFINITY
      void this.#announce()
    }, delayMs)
  }

  async #announce(): Promise<void> {
    if (this.#inFlight || this.#stopped) {
      return
    }
    const { tracker, discoveryId, numWant, clock } = this.#options
    this.#inFlight = true
    this.#lastAt = clock.now()
    try {
      const response = await tracker.announce({
        discoveryId,
        seeding: this.#options.seeding(),
        numWant,
      })
      this.#inFlight = false
      if (this.#stopped) {
        return
      }
      this.#retryMs = ANNOUNCE_RETRY_FIRST_MS
      this.#schedule(response.intervalMs)
      this.#options.onResponse(response)
      this.announceEarly()
    } catch (error) {
      this.#inFlight = false
      if (this.#stopped) {
        return
      }
      this.#options.logger.warn('announce failed', { discoveryId, retryMs: this.#retryMs })
      this.#schedule(this.#retryMs)
      this.#retryMs = Math.min(ANNOUNCE_RETRY_MAX_MS, this.#retryMs * 2)
      this.#options.onFailure(error instanceof Error ? error : new Error(String(error)))
    }
  }
}

/**
 * What one connection may ask of the tracker (SPEC TR-13, TR-14), and the per-socket rate
 * limiters (rate-limiter-flexible) that enforce the rates.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** A rate: at most `points` events per `seconds`-long window. */
export interface Rate {
  readonly points: number
  readonly seconds: number
}

/** Every bound a client meets; each has an environment variable in main.ts. */
export interface TrackerLimits {
  /** Swarms one connection may be in at once (MAX_SWARMS_PER_SOCKET). */
  readonly maxSwarmsPerSocket: number
  /** Members one swarm may hold (MAX_PEERS_PER_SWARM). */
  readonly maxPeersPerSwarm: number
  /** Announces per socket (ANNOUNCES_PER_10S): re-announces come every ~5–30 s per swarm. */
  readonly announces: Rate
  /** Announces that join a new swarm, per socket (JOINS_PER_MINUTE). */
  readonly joins: Rate
  /** Signals per socket (SIGNALS_PER_SECOND): a WebRTC handshake is one offer plus a few ICE
   *  candidates, so even 30 neighbours dialled at once stay well inside the default. */
  readonly signals: Rate
  /** Requests for fresh ICE credentials per socket (SPEC IC-1): a page renews about once a
   *  day and before an ICE restart, so a handful a minute is plenty even after a network blip. */
  readonly iceConfigs: Rate
  /** Rate-limited events per socket within 10 s before it is disconnected (FLOOD_STRIKES). */
  readonly floodStrikes: number
}

export const DEFAULT_LIMITS: TrackerLimits = {
  maxSwarmsPerSocket: 50,
  maxPeersPerSwarm: 5_000,
  announces: { points: 40, seconds: 10 },
  joins: { points: 60, seconds: 60 },
  signals: { points: 200, seconds: 1 },
  iceConfigs: { points: 10, seconds: 60 },
  floodStrikes: 200,
}

/** Rate-limit events are counted per socket over this window before the socket is dropped. */
const FLOOD_WINDOW_SECONDS = 10

export type LimitedEvent = 'announce' | 'join' | 'signal' | 'ice-config'

/** The verdict on one event: allowed, refused, or refused and the socket must go (a flood). */
export type RateVerdict = 'allow' | 'limit' | 'disconnect'

/** Per-socket limiters of one server, keyed by the socket's peer id. */
export class SocketRateLimits {
  readonly #limiters: Readonly<Record<LimitedEvent, RateLimiterMemory>>
  readonly #strikes: RateLimiterMemory

  constructor(limits: TrackerLimits) {
    const limiter = (name: string, rate: Rate): RateLimiterMemory =>
      new RateLimiterMemory({ keyPrefix: name, points: rate.points, duration: rate.seconds })
    this.#limiters = {
      announce: limiter('announce', limits.announces),
      join: limiter('join', limits.joins),
      signal: limiter('signal', limits.signals),
      'ice-config': limiter('ice-config', limits.iceConfigs),
    }
    this.#strikes = limiter('strikes', {
      points: limits.floodStrikes,
      seconds: FLOOD_WINDOW_SECONDS,
    })
  }

  /** Consumes one point of `event` for `key`. */
  async consume(event: LimitedEvent, key: string): Promise<RateVerdict> {
    if (await this.#take(this.#limiters[event], key)) {
      return 'allow'
    }
    return (await this.#take(this.#strikes, key)) ? 'limit' : 'disconnect'
  }

  /** Forgets a departed socket's counters. */
  async forget(key: string): Promise<void> {
    await Promise.all(
      [...Object.values(this.#limiters), this.#strikes].map((limiter) => limiter.delete(key)),
    )
  }

  async #take(limiter: RateLimiterMemory, key: string): Promise<boolean> {
    try {
      await limiter.consume(key)
      return true
    } catch (error: unknown) {
      // The limiter rejects with a RateLimiterRes when out of points; anything else is a bug.
      if (error instanceof RateLimiterRes) {
        return false
      }
      throw error
    }
  }
}

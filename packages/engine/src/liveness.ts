import type { PeerId } from '@swarmdrop/protocol'

/** What liveness needs to know of one neighbour (engine clock, ms). */
export interface LivenessFacts {
  readonly peerId: PeerId
  /** When we last sent it any frame. */
  readonly lastSentAt: number
  /** When any frame from it last arrived (keep-alives included). */
  readonly lastReceivedAt: number
}

/** The two liveness tunables of EngineConfig; 0 turns either off. */
export interface LivenessConfig {
  readonly keepAliveIntervalMs: number
  readonly peerIdleTimeoutMs: number
}

/** What the engine is to do: send keep-alives to some neighbours, drop others. */
export interface LivenessDecision {
  readonly keepAlive: readonly PeerId[]
  readonly idle: readonly PeerId[]
}

/**
 * Decides which neighbours get a keep-alive (SPEC EN-10) and which are dropped as idle
 * (SPEC EN-11). Pure: the engine applies the decision on its housekeeping timer.
 * @param now engine clock, ms
 */
export function decideLiveness(
  neighbours: Iterable<LivenessFacts>,
  now: number,
  config: LivenessConfig,
): LivenessDecision {
  const keepAlive: PeerId[] = []
  const idle: PeerId[] = []
  for (const n of neighbours) {
    if (config.peerIdleTimeoutMs > 0 && now - n.lastReceivedAt >= config.peerIdleTimeoutMs) {
      // A neighbour about to be dropped gets no keep-alive: it would only fill a dead buffer.
      idle.push(n.peerId)
    } else if (config.keepAliveIntervalMs > 0 && now - n.lastSentAt >= config.keepAliveIntervalMs) {
      keepAlive.push(n.peerId)
    }
  }
  return { keepAlive, idle }
}

/** The reason an idle neighbour is dropped with (shown in logs and peer-disconnected). */
export const idleReason = (peerIdleTimeoutMs: number): string =>
  `idle: nothing received for ${Math.round(peerIdleTimeoutMs / 1000)} s`

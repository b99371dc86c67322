import type { EngineEvent, SwarmStats } from '@swarmdrop/engine'
import type { PeerId, SwarmId, Unsubscribe } from '@swarmdrop/protocol'

import { applyStats, newPeerRow, sortPeers } from './apply-stats.ts'
import { withChokeRound } from './choke-log.ts'
import { fileInfoOf } from './file-info.ts'
import { progressPercent } from './selectors.ts'
import { withSwarm } from './swarm-store.ts'
import type { SwarmState, SwarmStore, SwarmView } from './swarm-store.ts'

/** Anything that emits engine events: the real engine, or a fake one in tests. */
export interface EngineEventSource {
  onEvent(callback: (event: EngineEvent) => void): Unsubscribe
  /**
   * Whether the tracker's ICE configuration offers a TURN relay, each time it is known or
   * renewed (not an engine fact: the tracker client's, bound here so the store has one writer).
   */
  onRelayAvailable?(callback: (available: boolean) => void): Unsubscribe
}

/** Runs `flush` later; returns a canceller. */
export type Scheduler = (flush: () => void) => () => void

/**
 * Coalesces hot events into one render per macrotask. Not requestAnimationFrame: background tabs
 * get no frames, and a seeding tab is usually in the background.
 */
export const macrotaskScheduler: Scheduler = (flush) => {
  const timer = setTimeout(flush, 0)
  return () => clearTimeout(timer)
}

/** Flushes at once: every hot event renders on its own (the unbatched baseline of `bench:ui`). */
export const immediateScheduler: Scheduler = (flush) => {
  flush()
  return () => undefined
}

/**
 * At most one flush per `minIntervalMs`, the first without delay. People cannot read numbers
 * that change faster than a few times a second, so more renders would only cost CPU.
 */
export function throttledScheduler(
  minIntervalMs: number,
  now: () => number = () => performance.now(),
): Scheduler {
  let lastFlushAt = Number.NEGATIVE_INFINITY
  return (flush) => {
    const timer = setTimeout(
      () => {
        lastFlushAt = now()
        flush()
      },
      Math.max(0, lastFlushAt + minIntervalMs - now()),
    )
    return () => clearTimeout(timer)
  }
}

/**
 * The UI's flush interval: two renders a second at most, the engine's default stats interval, so
 * progress moves as often as the rates do. Every render of the download page (React, the piece
 * map's canvas, the chart) is main-thread work the transfer competes with: four a second instead
 * of two cost the downloading tab ~0.9 s of CPU per 64 MiB under load (bench:throughput).
 */
export const UI_FLUSH_INTERVAL_MS = 500

/**
 * Maps engine events onto the store (STYLE §4, "actions outside the store"); the only module that
 * writes engine facts into it (engine-slice.test.ts checks). `stats` snapshots are batched
 * through `schedule`; discrete facts first flush what is pending, then apply at once.
 * `piece-verified` (hundreds a second at full speed) changes nothing here: the snapshot's
 * `piecesVerified` is the one source of that count.
 * @param now the engine's clock (ms), to timestamp samples and the swarm's start and end
 * @returns one Unsubscribe
 */
export function bindEngine(
  source: EngineEventSource,
  store: SwarmStore,
  schedule: Scheduler = throttledScheduler(UI_FLUSH_INTERVAL_MS),
  now: () => number = () => performance.now(),
): Unsubscribe {
  let pendingStats = new Map<SwarmId, SwarmStats>()
  let cancelFlush: (() => void) | null = null

  const flush = (): void => {
    cancelFlush = null
    if (pendingStats.size === 0) {
      return
    }
    const stats = pendingStats
    pendingStats = new Map()
    const at = now()
    store.setState((state) => {
      let next = state
      for (const snapshot of stats.values()) {
        next = {
          ...next,
          ...withSwarm(next, snapshot.swarmId, (swarm) => applyStats(swarm, snapshot, at)),
        }
      }
      return { swarms: next.swarms }
    })
  }

  const queue = (): void => {
    if (cancelFlush !== null) {
      return
    }
    let ran = false
    const cancel = schedule(() => {
      ran = true
      flush()
    })
    if (!ran) {
      cancelFlush = cancel
    }
  }

  const unsubscribeRelay =
    source.onRelayAvailable?.((relayAvailable) => {
      if (store.getState().relayAvailable !== relayAvailable) {
        store.setState({ relayAvailable })
      }
    }) ?? (() => undefined)

  const unsubscribe = source.onEvent((event) => {
    if (event.type === 'stats') {
      // Only the latest snapshot of a swarm matters; older ones in the same batch are dropped.
      pendingStats.set(event.stats.swarmId, event.stats)
      queue()
      return
    }
    if (event.type === 'piece-verified') {
      // `piecesVerified` has one source, the engine's own count in each stats snapshot: counting
      // these events as well would drift from it (a resumed swarm's pieces emit none).
      return
    }
    // Apply older hot events first so a snapshot never resurrects a neighbour that just left.
    cancelFlush?.()
    flush()
    store.setState((state) => applyDiscrete(state, event, now()))
  })

  return () => {
    unsubscribe()
    unsubscribeRelay()
    cancelFlush?.()
    cancelFlush = null
    pendingStats.clear()
  }
}

/** Whether neighbour `peerId` held every piece while we still lacked some (a sender). */
function heldEverything(swarm: SwarmView, peerId: PeerId): boolean {
  const count = swarm.file?.pieceCount ?? 0
  const row = swarm.peers.find((p) => p.peerId === peerId)
  return !swarm.complete && count > 0 && row !== undefined && row.piecesHeld >= count
}

type DiscreteEvent = Exclude<EngineEvent, { type: 'stats' | 'piece-verified' }>

function applyDiscrete(state: SwarmState, event: DiscreteEvent, now: number): Partial<SwarmState> {
  switch (event.type) {
    case 'tracker-status':
      return { tracker: event.status }
    case 'swarm-added':
      return withSwarm(
        state,
        event.swarmId,
        (swarm) => ({
          ...swarm,
          seeding: event.seeding,
          passwordRequired: event.passwordRequired,
          complete: swarm.complete || event.seeding,
          joinedAt: swarm.joinedAt ?? now,
        }),
        event.seeding,
      )
    case 'swarm-removed': {
      // Stopped or removed: the swarm leaves the read model, and the seeding view with it.
      const { [event.swarmId]: _gone, ...swarms } = state.swarms
      return { swarms }
    }
    case 'metadata': {
      const file = fileInfoOf(event.metadata)
      return withSwarm(state, event.swarmId, (swarm) => ({ ...swarm, file }))
    }
    case 'peer-connected':
      return withSwarm(state, event.swarmId, (swarm) =>
        swarm.peers.some((p) => p.peerId === event.peerId)
          ? swarm
          : { ...swarm, peers: sortPeers([...swarm.peers, newPeerRow(event.peerId, now)]) },
      )
    case 'peer-disconnected':
    case 'peer-shunned':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        peers: swarm.peers.filter((p) => p.peerId !== event.peerId),
        senderLeftAtPercent: heldEverything(swarm, event.peerId)
          ? progressPercent(swarm)
          : swarm.senderLeftAtPercent,
      }))
    case 'complete':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        complete: true,
        completedAt: swarm.completedAt ?? (swarm.seeding ? null : now),
      }))
    case 'swarm-size':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        size: { seeders: event.size.seeders, leechers: event.size.leechers },
        peaks: { ...swarm.peaks, leechers: Math.max(swarm.peaks.leechers, event.size.leechers) },
      }))
    case 'choke-round':
      return withSwarm(state, event.round.swarmId, (swarm) => withChokeRound(swarm, event.round))
    case 'error':
      if (event.swarmId === null) {
        return {}
      }
      return withSwarm(state, event.swarmId, (swarm) => ({ ...swarm, lastError: event.message }))
    case 'piece-failed':
      return {}
    case 'peer-refused':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        refused:
          event.reason === 'proof-failed'
            ? { ...swarm.refused, proofFailed: swarm.refused.proofFailed + 1 }
            : { ...swarm.refused, wrongPassword: swarm.refused.wrongPassword + 1 },
      }))
  }
}

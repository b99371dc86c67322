import type { EngineEvent, PeerStats, SwarmStats } from '@swarmdrop/engine'
import { HASH_BYTES } from '@swarmdrop/protocol'
import type { PeerId, SwarmId, Unsubscribe } from '@swarmdrop/protocol'

import { withSwarm } from './swarm-store.ts'
import type { PeerRow, SwarmState, SwarmStore, SwarmView } from './swarm-store.ts'

/** Anything that emits engine events: the real engine, or a fake one in tests. */
export interface EngineEventSource {
  onEvent(callback: (event: EngineEvent) => void): Unsubscribe
}

/** Runs `flush` later; returns a canceller. */
export type Scheduler = (flush: () => void) => () => void

/**
 * Coalesces stats into one render per macrotask. Not requestAnimationFrame: background tabs get
 * no frames, and a seeding tab is usually in the background.
 */
export const macrotaskScheduler: Scheduler = (flush) => {
  const timer = setTimeout(flush, 0)
  return () => clearTimeout(timer)
}

/**
 * Maps engine events onto the store (STYLE §4, "actions outside the store"). Discrete facts are
 * applied at once; `stats` snapshots are batched through `schedule`. Returns one Unsubscribe.
 */
export function bindEngine(
  source: EngineEventSource,
  store: SwarmStore,
  schedule: Scheduler = macrotaskScheduler,
): Unsubscribe {
  let pending = new Map<SwarmId, SwarmStats>()
  let cancelFlush: (() => void) | null = null

  const flush = (): void => {
    cancelFlush = null
    if (pending.size === 0) {
      return
    }
    const batch = pending
    pending = new Map()
    store.setState((state) => {
      let next = state
      for (const stats of batch.values()) {
        next = { ...next, ...withSwarm(next, stats.swarmId, (swarm) => applyStats(swarm, stats)) }
      }
      return { swarms: next.swarms }
    })
  }

  const unsubscribe = source.onEvent((event) => {
    if (event.type === 'stats') {
      // Only the latest snapshot of a swarm matters; older ones in the same batch are dropped.
      pending.set(event.stats.swarmId, event.stats)
      cancelFlush ??= schedule(flush)
      return
    }
    // Apply older stats first so a snapshot never resurrects a neighbour that just left.
    cancelFlush?.()
    flush()
    store.setState((state) => applyDiscrete(state, event))
  })

  return () => {
    unsubscribe()
    cancelFlush?.()
    cancelFlush = null
    pending.clear()
  }
}

type DiscreteEvent = Exclude<EngineEvent, { type: 'stats' }>

function applyDiscrete(state: SwarmState, event: DiscreteEvent): Partial<SwarmState> {
  switch (event.type) {
    case 'tracker-status':
      return { tracker: event.status }
    case 'torrent-added':
      return withSwarm(
        state,
        event.swarmId,
        (swarm) => ({
          ...swarm,
          seeding: event.seeding,
          complete: swarm.complete || event.seeding,
        }),
        event.seeding,
      )
    case 'metadata': {
      const { name, size, mimeType, pieceHashes } = event.metadata
      // pieceHashes is 32 × pieceCount bytes (MD-1), so the count needs no layout maths here.
      const file = { name, size, mimeType, pieceCount: pieceHashes.length / HASH_BYTES }
      return withSwarm(state, event.swarmId, (swarm) => ({ ...swarm, file }))
    }
    case 'peer-connected':
      return withSwarm(state, event.swarmId, (swarm) =>
        swarm.peers.some((p) => p.peerId === event.peerId)
          ? swarm
          : { ...swarm, peers: sortPeers([...swarm.peers, newPeerRow(event.peerId)]) },
      )
    case 'peer-disconnected':
    case 'peer-shunned':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        peers: swarm.peers.filter((p) => p.peerId !== event.peerId),
      }))
    case 'piece-verified':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        piecesVerified: capToPieceCount(swarm, swarm.piecesVerified + 1),
      }))
    case 'complete':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        complete: true,
        piecesVerified: swarm.file?.pieceCount ?? swarm.piecesVerified,
      }))
    case 'swarm-size':
      return withSwarm(state, event.swarmId, (swarm) => ({
        ...swarm,
        size: { seeders: event.size.seeders, leechers: event.size.leechers },
      }))
    case 'error':
      if (event.swarmId === null) {
        return {}
      }
      return withSwarm(state, event.swarmId, (swarm) => ({ ...swarm, lastError: event.message }))
    case 'piece-failed':
    case 'choke-round':
      return {}
  }
}

function applyStats(swarm: SwarmView, stats: SwarmStats): SwarmView {
  return {
    ...swarm,
    // Verified pieces never become unverified; max() keeps a late snapshot from stepping back.
    piecesVerified: capToPieceCount(swarm, Math.max(swarm.piecesVerified, stats.piecesVerified)),
    downloadedBytes: stats.downloadedBytes,
    uploadedBytes: Math.max(swarm.uploadedBytes, stats.uploadedBytes),
    downBps: stats.downBps,
    upBps: stats.upBps,
    peers: sortPeers(stats.peers.map(peerRowOf)),
  }
}

function capToPieceCount(swarm: SwarmView, verified: number): number {
  return swarm.file === null ? verified : Math.min(verified, swarm.file.pieceCount)
}

function peerRowOf(p: PeerStats): PeerRow {
  return {
    peerId: p.peerId,
    amChoking: p.amChoking,
    amInterested: p.amInterested,
    peerChoking: p.peerChoking,
    peerInterested: p.peerInterested,
    downBps: p.downBps,
    upBps: p.upBps,
    downloadedBytes: p.downloadedBytes,
    uploadedBytes: p.uploadedBytes,
    optimistic: p.optimistic,
  }
}

/** BEP 3: a connection starts choked and not interested in both directions. */
function newPeerRow(peerId: PeerId): PeerRow {
  return {
    peerId,
    amChoking: true,
    amInterested: false,
    peerChoking: true,
    peerInterested: false,
    downBps: 0,
    upBps: 0,
    downloadedBytes: 0,
    uploadedBytes: 0,
    optimistic: false,
  }
}

function sortPeers(peers: PeerRow[]): PeerRow[] {
  return peers.sort((a, b) => (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0))
}

import { NO_DIALS } from '@swarmdrop/engine'
import type { EngineEvent, PeerStats, SwarmStats } from '@swarmdrop/engine'
import type { Metadata, PeerId, SwarmId, Unsubscribe } from '@swarmdrop/protocol'

import { newPeerRow } from '../store/apply-stats.ts'
import type { EngineEventSource, Scheduler } from '../store/bind-engine.ts'

/** Test fixtures for UI tests: engine events without an engine (STYLE §7 "FakeEngine"). */

export const SWARM_A = 'a'.repeat(64) as SwarmId
export const peerId = (id: string): PeerId => id as PeerId

/** An event source the test drives by hand. */
export function fakeEventSource(): EngineEventSource & { emit(event: EngineEvent): void } {
  const listeners = new Set<(event: EngineEvent) => void>()
  return {
    onEvent(callback): Unsubscribe {
      listeners.add(callback)
      return () => listeners.delete(callback)
    },
    emit(event) {
      for (const listener of listeners) {
        listener(event)
      }
    },
  }
}

/** A scheduler whose queued flush runs only when the test says so. */
export function manualScheduler(): { schedule: Scheduler; run(): void; pending(): boolean } {
  let queued: (() => void) | null = null
  return {
    schedule(flush) {
      queued = flush
      return () => {
        queued = null
      }
    },
    run() {
      const flush = queued
      queued = null
      flush?.()
    },
    pending: () => queued !== null,
  }
}

/** Metadata of `pieces` pieces (hashes are zeros: the UI never checks them). */
export function metadataOf(pieces: number, name = 'holiday.mp4'): Metadata {
  const pieceLength = 65_536
  return {
    name,
    size: pieces * pieceLength,
    mimeType: 'video/mp4',
    pieceLength,
    pieceHashes: new Uint8Array(32 * pieces),
  }
}

/** A neighbour's stats, choked and uninterested both ways unless overridden. */
export function peerStatsOf(id: string, overrides: Partial<PeerStats> = {}): PeerStats {
  return { ...newPeerRow(peerId(id), 0), requestsOut: 0, requestsIn: 0, ...overrides }
}

/** A stats event for SWARM_A. */
export function statsEvent(overrides: Partial<SwarmStats> = {}): EngineEvent {
  return {
    type: 'stats',
    stats: {
      swarmId: SWARM_A,
      pieceCount: 0,
      piecesVerified: 0,
      downloadedBytes: 0,
      uploadedBytes: 0,
      downBps: 0,
      upBps: 0,
      peers: [],
      inEndgame: false,
      pieceStates: new Uint8Array(0),
      availability: new Uint8Array(0),
      ...NO_DIALS,
      proofFailures: 0,
      wrongPasswords: 0,
      ...overrides,
    },
  }
}

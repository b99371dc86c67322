/**
 * Turns one swarm's engine events into the CLI's progress records (SPEC CL-4).
 *
 * This tracks: 1. the pieces held (found on disk at start, then each verified in this run) and
 * so the verified bytes; 2. the bytes verified in this run, which on a resume are the bytes
 * fetched again (CL-6); 3. the latest rates, upload and neighbour count from `stats`.
 */
import type { Engine, SwarmStats } from '@swarmdrop/engine'
import type { Metadata, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
import { pieceSize } from '@swarmdrop/protocol'

import type { CliRecord, Reporter } from './records.ts'

/** Progress of one swarm, fed by the engine. */
export interface ProgressTracker {
  /** Call once the metadata is known, with the pieces already held. */
  start(metadata: Metadata, held: readonly number[]): void
  snapshot(seeding: boolean): Extract<CliRecord, { type: 'progress' }> | null
  fetchedBytes(): number
  uploadedBytes(): number
  verifiedBytes(): number
  dispose: Unsubscribe
}

/**
 * Follows `swarmId`'s events on `engine` and reports a progress record on each stats tick (and a
 * peers record when the neighbour count changes); `seeding()` says which line to show.
 */
export function trackProgress(
  engine: Engine,
  swarmId: SwarmId,
  reporter: Reporter,
  seeding: () => boolean,
): ProgressTracker {
  let peers = -1
  const onStats = (stats: SwarmStats): void => {
    if (stats.peers.length !== peers) {
      peers = stats.peers.length
      reporter.report({ type: 'peers', peers })
    }
    const record = tracker.snapshot(seeding())
    if (record !== null) {
      reporter.report(record)
    }
  }
  let metadata: Metadata | null = null
  const held = new Set<number>()
  let verified = 0
  let fetched = 0
  let latest: SwarmStats | null = null
  const dispose = engine.onEvent((event) => {
    if (event.type === 'piece-verified' && event.swarmId === swarmId && metadata !== null) {
      if (!held.has(event.index)) {
        held.add(event.index)
        const bytes = pieceSize(metadata, event.index)
        verified += bytes
        fetched += bytes
      }
    } else if (event.type === 'stats' && event.stats.swarmId === swarmId) {
      latest = event.stats
      onStats(event.stats)
    }
  })
  const tracker: ProgressTracker = {
    start(m, have) {
      metadata = m
      for (const index of have) {
        if (!held.has(index)) {
          held.add(index)
          verified += pieceSize(m, index)
        }
      }
    },
    snapshot(seeding) {
      if (metadata === null) {
        return null
      }
      const stats: SwarmStats | null = latest
      return {
        type: 'progress',
        seeding,
        verifiedBytes: verified,
        totalBytes: metadata.size,
        downloadedBytes: fetched,
        uploadedBytes: stats?.uploadedBytes ?? 0,
        downBps: Math.round(stats?.downBps ?? 0),
        upBps: Math.round(stats?.upBps ?? 0),
        peers: stats?.peers.length ?? 0,
      }
    },
    fetchedBytes: () => fetched,
    uploadedBytes: () => (latest as SwarmStats | null)?.uploadedBytes ?? 0,
    verifiedBytes: () => verified,
    dispose,
  }
  return tracker
}

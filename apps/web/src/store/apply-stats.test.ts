import { NO_DIALS, PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from '@swarmdrop/engine'
import type { SwarmStats } from '@swarmdrop/engine'
import { describe, expect, it } from 'vitest'

import { SWARM_A, peerStatsOf, statsEvent } from '../test-support/engine-events.ts'

import { applyStats, pieceMapOf } from './apply-stats.ts'
import { THROUGHPUT_SAMPLES, emptySwarm } from './swarm-store.ts'

const snapshot = (overrides: Partial<SwarmStats>): SwarmStats => {
  const event = statsEvent(overrides)
  if (event.type !== 'stats') {
    throw new Error('statsEvent made no stats')
  }
  return event.stats
}

describe('pieceMapOf', () => {
  it('[PP-1] counts held, in-flight, missing and missing-with-no-holder pieces', () => {
    const map = pieceMapOf(
      snapshot({
        pieceCount: 5,
        pieceStates: Uint8Array.of(PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING, PIECE_MISSING, 2),
        availability: Uint8Array.of(1, 2, 0, 3, 1),
        inEndgame: true,
      }),
    )
    expect(map).toMatchObject({
      pieceCount: 5,
      held: 2,
      inFlight: 1,
      missing: 2,
      unavailable: 1,
      inEndgame: true,
    })
  })
})

describe('applyStats', () => {
  it('keeps an unchanged neighbour row object, so its memoised row skips rendering', () => {
    const first = applyStats(
      emptySwarm(SWARM_A, false),
      snapshot({ peers: [peerStatsOf('p1'), peerStatsOf('p2', { downBps: 5 })] }),
      1000,
    )
    const second = applyStats(
      first,
      snapshot({ peers: [peerStatsOf('p1'), peerStatsOf('p2', { downBps: 9 })] }),
      1500,
    )
    expect(second.peers[0]).toBe(first.peers[0])
    expect(second.peers[1]).not.toBe(first.peers[1])
    expect(second.peers[1]?.downBps).toBe(9)
  })

  it('appends one throughput sample per snapshot and keeps a bounded window', () => {
    let swarm = emptySwarm(SWARM_A, false)
    for (let i = 0; i < THROUGHPUT_SAMPLES + 3; i += 1) {
      swarm = applyStats(swarm, snapshot({ downBps: i, upBps: 2 * i }), i * 250)
    }
    expect(swarm.throughput.at).toHaveLength(THROUGHPUT_SAMPLES)
    expect(swarm.throughput.downBps.at(-1)).toBe(THROUGHPUT_SAMPLES + 2)
    expect(swarm.throughput.upBps.at(-1)).toBe(2 * (THROUGHPUT_SAMPLES + 2))
    expect(swarm.throughput.at[0]).toBe(3 * 250)
    expect(swarm.sampledAt).toBe((THROUGHPUT_SAMPLES + 2) * 250)
  })

  it('tracks peak rates, and the seeders’ rate as the sum from neighbours holding every piece', () => {
    let swarm = emptySwarm(SWARM_A, false)
    swarm = applyStats(
      swarm,
      snapshot({
        pieceCount: 4,
        downBps: 300,
        upBps: 50,
        peers: [
          peerStatsOf('seed', { piecesHeld: 4, downBps: 200 }),
          peerStatsOf('leech', { piecesHeld: 2, downBps: 100 }),
        ],
      }),
      0,
    )
    swarm = applyStats(swarm, snapshot({ pieceCount: 4, downBps: 10, upBps: 80 }), 500)
    expect(swarm.peaks).toEqual({
      downBps: 300,
      upBps: 80,
      seederToUsBps: 200,
      leecherToUsBps: 100,
      leechers: 0,
    })
  })

  it('[EN-12] copies the dial figures, keeping the object while they stay the same', () => {
    const failed = {
      dialFailures: { ...NO_DIALS.dialFailures, ERR_DIAL_TIMEOUT: 2 },
      peersOffered: 3,
      lastDialFailure: { code: 'ERR_DIAL_TIMEOUT', at: 15_000 },
    } as const
    const first = applyStats(emptySwarm(SWARM_A, false), snapshot(failed), 0)
    expect(first.dials).toEqual(failed)
    const same = applyStats(first, snapshot({ ...failed, downBps: 1 }), 500)
    expect(same.dials).toBe(first.dials)
    const more = applyStats(
      same,
      snapshot({ ...failed, dialFailures: { ...failed.dialFailures, ERR_ICE_FAILED: 1 } }),
      1000,
    )
    expect(more.dials.dialFailures.ERR_ICE_FAILED).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'

import { SWARM_A, peerId } from '../test-support/engine-events.ts'

import { newPeerRow } from './apply-stats.ts'
import {
  boundInputsOf,
  distributionBound,
  elapsedMs,
  etaMs,
  recentMean,
  shareRatio,
} from './swarm-figures.ts'
import { emptySwarm } from './swarm-store.ts'
import type { SwarmView } from './swarm-store.ts'

const MIB = 1024 * 1024
const file = { name: 'f', size: 16 * MIB, mimeType: '', pieceCount: 256 }
const swarmOf = (overrides: Partial<SwarmView>, seeding = false): SwarmView => ({
  ...emptySwarm(SWARM_A, seeding),
  file,
  ...overrides,
})

describe('distributionBound', () => {
  it('is max(F/u_s, F/d_min, N·F/(u_s + Σu_i)), each term in ms', () => {
    const bound = distributionBound({
      fileBytes: 16 * MIB,
      downloaders: 3,
      seedUpBps: 4 * MIB,
      minDownBps: 8 * MIB,
      peerUpSumBps: 2 * MIB,
    })
    expect(bound.seedMs).toBe(4000)
    expect(bound.downloadMs).toBe(2000)
    expect(bound.swarmMs).toBe(8000)
    expect(bound.boundMs).toBe(8000)
  })

  it('leaves out unknown terms and is null when none is known', () => {
    const seederOnly = distributionBound({
      fileBytes: MIB,
      downloaders: 2,
      seedUpBps: MIB,
      minDownBps: null,
      peerUpSumBps: null,
    })
    expect(seederOnly).toEqual({ seedMs: 1000, downloadMs: null, swarmMs: null, boundMs: 1000 })
    expect(distributionBound(null).boundMs).toBeNull()
  })
})

describe('boundInputsOf', () => {
  const peaks = {
    downBps: 6 * MIB,
    upBps: MIB,
    seederToUsBps: 2 * MIB,
    leecherToUsBps: 0.5 * MIB,
    leechers: 3,
  }

  it('on a downloading tab: u_s from full-copy neighbours × N, d_min and u_i from this tab', () => {
    expect(
      boundInputsOf(swarmOf({ peaks: { ...peaks, leecherToUsBps: 2 * MIB } }))?.peerUpSumBps,
    ).toBe(6 * MIB)
    expect(boundInputsOf(swarmOf({ peaks }))).toEqual({
      fileBytes: 16 * MIB,
      downloaders: 3,
      seedUpBps: 6 * MIB,
      minDownBps: 6 * MIB,
      peerUpSumBps: 3 * MIB,
    })
  })

  it('on the seeding tab: u_s is its own peak upload; downloader rates are unknown', () => {
    expect(boundInputsOf(swarmOf({ peaks }, true))).toEqual({
      fileBytes: 16 * MIB,
      downloaders: 3,
      seedUpBps: MIB,
      minDownBps: null,
      peerUpSumBps: null,
    })
  })

  it('is null before the file is known, and counts at least one downloader', () => {
    expect(boundInputsOf(emptySwarm(SWARM_A, false))).toBeNull()
    expect(boundInputsOf(swarmOf({}))?.downloaders).toBe(1)
  })
})

describe('swarm figures', () => {
  it('elapsed runs from joining to completion, or to the latest stats', () => {
    expect(elapsedMs(swarmOf({ joinedAt: 1000, sampledAt: 4000 }))).toBe(3000)
    expect(elapsedMs(swarmOf({ joinedAt: 1000, sampledAt: 9000, completedAt: 6000 }))).toBe(5000)
    expect(elapsedMs(swarmOf({}))).toBeNull()
  })

  it('share ratio is uploaded/downloaded, and copies of the file sent for a seeder', () => {
    expect(shareRatio(swarmOf({ uploadedBytes: 4 * MIB, downloadedBytes: 8 * MIB }))).toBe(0.5)
    expect(shareRatio(swarmOf({ uploadedBytes: 32 * MIB }, true))).toBe(2)
    expect(shareRatio(swarmOf({ uploadedBytes: 5 }))).toBeNull()
  })

  it('ETA is the remaining bytes over the recent download rate', () => {
    const throughput = { at: [0, 1, 2], downBps: [MIB, 2 * MIB, 3 * MIB], upBps: [0, 0, 0] }
    expect(recentMean(throughput.downBps)).toBe(2 * MIB)
    const sending = [{ ...newPeerRow(peerId('seed'), 0), piecesHeld: 256 }]
    expect(etaMs(swarmOf({ downloadedBytes: 8 * MIB, throughput, peers: sending }))).toBe(4000)
    expect(etaMs(swarmOf({ complete: true, throughput, peers: sending }))).toBeNull()
    expect(etaMs(swarmOf({ peers: sending }))).toBeNull()
  })

  it('[EN-13] no ETA while nobody connected has the rest, whatever the smoothed rate says', () => {
    const throughput = { at: [0, 1, 2], downBps: [MIB, 2 * MIB, 3 * MIB], upBps: [0, 0, 0] }
    expect(etaMs(swarmOf({ downloadedBytes: 8 * MIB, throughput, peers: [] }))).toBeNull()
  })
})

import type { SwarmId } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { SWARM_A, peerId } from '../test-support/engine-events.ts'

import {
  DOWNLOAD_STATUS,
  downloadStatus,
  otherMembers,
  progressPercent,
  selectTotalUploadedBytes,
} from './selectors.ts'
import { INITIAL_SWARM_STATE, emptySwarm } from './swarm-store.ts'
import type { PeerRow, SwarmView, TrackerStatusView } from './swarm-store.ts'

const file = { name: 'f', size: 1000, mimeType: '', pieceCount: 3 }
const leecher = (overrides: Partial<SwarmView> = {}): SwarmView => ({
  ...emptySwarm(SWARM_A, false),
  ...overrides,
})
const row = { peerId: peerId('p1') } as PeerRow

describe('progressPercent', () => {
  it('is an integer 0–100 that reaches 100 only when complete', () => {
    expect(progressPercent(undefined)).toBe(0)
    expect(progressPercent(leecher())).toBe(0)
    expect(progressPercent(leecher({ file, piecesVerified: 1 }))).toBe(33)
    expect(progressPercent(leecher({ file, piecesVerified: 3 }))).toBe(99)
    expect(progressPercent(leecher({ file, piecesVerified: 3, complete: true }))).toBe(100)
  })
})

describe('downloadStatus', () => {
  const cases: [string, SwarmView | undefined, TrackerStatusView, string][] = [
    ['nothing known yet', undefined, 'connecting', DOWNLOAD_STATUS.looking],
    ['tracker down', leecher(), 'reconnecting', DOWNLOAD_STATUS.trackerDown],
    [
      'alone in the swarm',
      leecher({ size: { seeders: 0, leechers: 1 } }),
      'connected',
      DOWNLOAD_STATUS.noPeersYet,
    ],
    [
      'others exist, none connected yet',
      leecher({ size: { seeders: 1, leechers: 1 } }),
      'connected',
      DOWNLOAD_STATUS.looking,
    ],
    [
      'connected, no metadata',
      leecher({ peers: [row] }),
      'connected',
      DOWNLOAD_STATUS.fetchingDetails,
    ],
    ['downloading', leecher({ file, peers: [row] }), 'connected', DOWNLOAD_STATUS.downloading],
    ['metadata, peers gone', leecher({ file }), 'connected', DOWNLOAD_STATUS.downloadingNoPeers],
    [
      'complete, tracker down',
      leecher({ file, complete: true }),
      'reconnecting',
      DOWNLOAD_STATUS.complete,
    ],
  ]
  it.each(cases)('%s', (_name, swarm, tracker, expected) => {
    expect(downloadStatus(swarm, tracker)).toBe(expected)
  })

  it('uses the word "complete" for the finished download and nothing else (CONTRACT status)', () => {
    for (const [key, text] of Object.entries(DOWNLOAD_STATUS)) {
      expect(/complete/i.test(text), key).toBe(key === 'complete')
    }
  })
})

describe('swarm figures', () => {
  it('counts the other members, leaving us out of the tracker total', () => {
    expect(otherMembers(leecher())).toBeNull()
    expect(otherMembers(leecher({ size: { seeders: 1, leechers: 2 } }))).toBe(2)
  })

  it("sums this tab's upload over all its swarms as whole bytes", () => {
    const other = 'b'.repeat(64) as SwarmId
    const state = {
      ...INITIAL_SWARM_STATE,
      swarms: {
        [SWARM_A]: leecher({ uploadedBytes: 1000.7 }),
        [other]: { ...emptySwarm(other, true), uploadedBytes: 24 },
      },
    }
    expect(selectTotalUploadedBytes(state)).toBe(1024)
  })
})

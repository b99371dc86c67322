import { NO_DIALS } from '@swarmdrop/engine'
import type { DialAccount } from '@swarmdrop/engine'
import { describe, expect, it } from 'vitest'

import { SWARM_A, peerId } from '../test-support/engine-events.ts'

import { newPeerRow } from './apply-stats.ts'
import {
  DOWNLOAD_STATUS,
  dialFailureSummary,
  downloadStatus,
  nobodyHasTheRest,
} from './status-line.ts'
import { emptySwarm } from './swarm-store.ts'
import type { PieceMapView, SwarmView, TrackerStatusView } from './swarm-store.ts'

const file = { name: 'f', size: 1000, mimeType: '', pieceCount: 20 }
const leecher = (overrides: Partial<SwarmView> = {}): SwarmView => ({
  ...emptySwarm(SWARM_A, false),
  ...overrides,
})
const row = (id: string, piecesHeld = 0) => ({ ...newPeerRow(peerId(id), 0), piecesHeld })
/** A piece map with `held` pieces held, `inFlight` in flight, and the rest missing with `available` holders each. */
const map = (held: number, inFlight: number, available: number): PieceMapView => {
  const missing = 20 - held - inFlight
  return {
    pieceCount: 20,
    states: new Uint8Array(20),
    availability: new Uint8Array(20),
    held,
    inFlight,
    missing,
    unavailable: available > 0 ? 0 : missing,
    inEndgame: false,
  }
}
const failed = (
  failures: Partial<DialAccount['dialFailures']>,
  peersOffered: number,
): DialAccount => ({
  dialFailures: { ...NO_DIALS.dialFailures, ...failures },
  peersOffered,
  lastDialFailure: { code: 'ERR_DIAL_TIMEOUT', at: 15_000 },
})

describe('downloadStatus', () => {
  const cases: [string, SwarmView | undefined, TrackerStatusView, boolean, string][] = [
    ['nothing known yet', undefined, 'connecting', false, DOWNLOAD_STATUS.looking],
    ['tracker down', leecher(), 'reconnecting', false, DOWNLOAD_STATUS.trackerDown],
    [
      'alone in the swarm',
      leecher({ size: { seeders: 0, leechers: 1 } }),
      'connected',
      false,
      DOWNLOAD_STATUS.noPeersYet,
    ],
    [
      'others exist, none connected yet',
      leecher({ size: { seeders: 1, leechers: 1 }, dials: failed({}, 1) }),
      'connected',
      false,
      DOWNLOAD_STATUS.looking,
    ],
    [
      'connected, no metadata',
      leecher({ peers: [row('p1')] }),
      'connected',
      false,
      DOWNLOAD_STATUS.fetchingDetails,
    ],
    [
      'downloading from a holder',
      leecher({ file, peers: [row('p1', 20)], pieceMap: map(5, 2, 1) }),
      'connected',
      false,
      DOWNLOAD_STATUS.downloading,
    ],
    [
      'downloading, no piece map yet',
      leecher({ file, peers: [row('p1')] }),
      'connected',
      false,
      DOWNLOAD_STATUS.downloading,
    ],
    [
      '[EN-13] three named, every dial timed out, no relay',
      leecher({ size: { seeders: 3, leechers: 1 }, dials: failed({ ERR_DIAL_TIMEOUT: 3 }, 3) }),
      'connected',
      false,
      'Found 3 people sharing this file but could not connect to any: their network or yours blocks direct connections, and this Swarmdrop has no relay configured.',
    ],
    [
      '[EN-13] one named, ICE failed even with the relay',
      leecher({ dials: failed({ ERR_ICE_FAILED: 1 }, 1) }),
      'connected',
      true,
      'Found 1 person sharing this file but could not connect to any, even through the relay.',
    ],
    [
      '[EN-13] the peers named are gone',
      leecher({ dials: failed({ ERR_PEER_UNREACHABLE: 2 }, 2) }),
      'connected',
      false,
      DOWNLOAD_STATUS.unanswered(2),
    ],
    [
      '[EN-13] the sender left at 45 %, nobody else connected',
      leecher({ file, piecesVerified: 9, senderLeftAtPercent: 45, pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      'The sender left at 45 %: waiting for anyone who has the rest',
    ],
    [
      '[EN-13] the sender left, a leecher with nothing we lack is connected',
      leecher({ file, senderLeftAtPercent: 45, peers: [row('p2', 3)], pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      DOWNLOAD_STATUS.senderLeft(45),
    ],
    [
      '[EN-13] the sender left, and a dial to it failed since: still the sender-left line',
      leecher({
        file,
        senderLeftAtPercent: 45,
        dials: failed({ ERR_PEER_UNREACHABLE: 1 }, 1),
        pieceMap: map(9, 0, 0),
      }),
      'connected',
      false,
      DOWNLOAD_STATUS.senderLeft(45),
    ],
    [
      '[EN-13] a holder came back after the sender left',
      leecher({ file, senderLeftAtPercent: 45, peers: [row('p3', 20)], pieceMap: map(9, 1, 1) }),
      'connected',
      false,
      DOWNLOAD_STATUS.downloading,
    ],
    [
      'connected, but none has what we lack',
      leecher({ file, peers: [row('p2', 3), row('p4', 3)], pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      'Connected to 2 people, but none has the rest yet: waiting for anyone who has it',
    ],
    [
      'metadata known (a resume), nobody connected yet',
      leecher({ file, pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      DOWNLOAD_STATUS.lookingForRest,
    ],
    [
      'complete, tracker down',
      leecher({ file, complete: true, senderLeftAtPercent: 45 }),
      'reconnecting',
      false,
      DOWNLOAD_STATUS.complete,
    ],
  ]
  it.each(cases)('%s', (_name, swarm, tracker, relay, expected) => {
    expect(downloadStatus(swarm, tracker, relay)).toBe(expected)
  })

  it('[EN-13] uses the word "complete" for the finished download and nothing else (CONTRACT status)', () => {
    for (const [key, text] of Object.entries(DOWNLOAD_STATUS)) {
      const line = typeof text === 'function' ? text(3) : text
      expect(/complete/i.test(line), key).toBe(key === 'complete')
    }
  })
})

describe('nobodyHasTheRest', () => {
  it('holds with no neighbours, or when every missing piece has no holder and none is in flight', () => {
    expect(nobodyHasTheRest(leecher({ file }))).toBe(true)
    expect(nobodyHasTheRest(leecher({ file, peers: [row('a')], pieceMap: map(9, 0, 0) }))).toBe(
      true,
    )
    expect(nobodyHasTheRest(leecher({ file, peers: [row('a')], pieceMap: map(9, 1, 0) }))).toBe(
      false,
    )
    expect(nobodyHasTheRest(leecher({ file, peers: [row('a')], pieceMap: map(9, 0, 1) }))).toBe(
      false,
    )
    expect(nobodyHasTheRest(leecher({ file, peers: [row('a')] }))).toBe(false)
  })
})

describe('dialFailureSummary', () => {
  it('[EN-12] names each cause in plain words, in a fixed order', () => {
    expect(dialFailureSummary(NO_DIALS)).toBe('none')
    expect(
      dialFailureSummary(
        failed({ ERR_PEER_UNREACHABLE: 1, ERR_DIAL_TIMEOUT: 2, ERR_ICE_FAILED: 1 }, 3),
      ),
    ).toBe('2 timed out, 1 blocked (ICE failed), 1 peer gone')
  })
})

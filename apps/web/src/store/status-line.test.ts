import { NO_DIALS } from '@swarmdrop/engine'
import type { DialAccount } from '@swarmdrop/engine'
import { describe, expect, it } from 'vitest'

import { SWARM_A, peerId } from '../test-support/engine-events.ts'

import { newPeerRow } from './apply-stats.ts'
import {
  downloadStatusParts,
  nobodyHasTheRest,
  seedStatusParts,
  statusText,
} from './status-line.ts'
import { UX_MESSAGES_EN, translateEn } from './ux-messages.en.ts'
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

const keys = (parts: readonly { key: string }[]): string[] => parts.map((p) => p.key)
const size = (seeders: number, leechers: number) => ({ seeders, leechers })

describe('downloadStatusParts', () => {
  it.each<[string, SwarmView | undefined, TrackerStatusView, boolean, string[]]>([
    ['nothing known yet', undefined, 'connecting', false, ['status.download.looking']],
    [
      '[UX-1] a dead link, alone: nobody with the file, the sender must keep the page open',
      leecher({ size: size(0, 1) }),
      'connected',
      false,
      ['status.download.nobodyWithFile'],
    ],
    [
      '[UX-1] a dead link with two waiting, connected to each other: never "fetching details"',
      leecher({ size: size(0, 2), peers: [row('other')] }),
      'connected',
      false,
      ['status.download.nobodyWithFileOthersWaiting'],
    ],
    [
      '[UX-1] a dead link with two waiting, not yet connected',
      leecher({ size: size(0, 2) }),
      'connected',
      false,
      ['status.download.nobodyWithFileOthersWaiting'],
    ],
    [
      'a neighbour with the metadata: fetching the details from it',
      leecher({ size: size(1, 1), peers: [{ ...row('seed'), hasMetadata: true }] }),
      'connected',
      false,
      ['status.download.fetchingDetails'],
    ],
    [
      'a seeder listed but not connected yet',
      leecher({ size: size(1, 1) }),
      'connected',
      false,
      ['status.download.connecting'],
    ],
    [
      '[UX-1] tracker down mid-download: the download keeps going, and it says so',
      leecher({ file, peers: [row('seed', 20)] }),
      'reconnecting',
      false,
      ['status.download.downloading', 'status.trackerDownKeepsGoing'],
    ],
    [
      'tracker down with nobody connected',
      leecher({ size: size(0, 1) }),
      'reconnecting',
      false,
      ['status.download.nobodyWithFile', 'status.trackerDownNobodyFound'],
    ],
    [
      '[EN-13] every dial failed and peers gone',
      leecher({ dials: failed({ ERR_PEER_UNREACHABLE: 2 }, 2), size: size(2, 1) }),
      'connected',
      false,
      ['status.download.unanswered'],
    ],
    [
      '[EN-13] blocked with a relay',
      leecher({ dials: failed({ ERR_ICE_FAILED: 1 }, 1), size: size(1, 1) }),
      'connected',
      true,
      ['status.download.blockedEvenRelayed'],
    ],
    [
      '[EN-13] the sender left',
      leecher({ file, senderLeftAtPercent: 45, pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      ['status.download.senderLeft'],
    ],
    [
      '[EN-13] connected, none has the rest',
      leecher({ file, peers: [row('a')], pieceMap: map(9, 0, 0) }),
      'connected',
      false,
      ['status.download.noneHasTheRest'],
    ],
    [
      'complete',
      leecher({ file, complete: true }),
      'reconnecting',
      false,
      ['status.download.complete'],
    ],
  ])('%s', (_name, swarm, tracker, relay, expected) => {
    expect(keys(downloadStatusParts(swarm, tracker, relay))).toEqual(expected)
  })

  it('[UX-1] says how long we have waited, in minutes, once it matters', () => {
    const waiting = leecher({ size: size(0, 1), joinedAt: 0, sampledAt: 150_000 })
    const parts = downloadStatusParts(waiting, 'connected')
    expect(parts.at(-1)).toEqual({ key: 'status.waitedMinutes', values: { count: 2 } })
    expect(statusText(parts, translateEn)).toMatch(/did they close their tab\? .* 2 minutes\.$/)
    const busy = leecher({ file, peers: [row('seed', 20)], joinedAt: 0, sampledAt: 150_000 })
    expect(keys(downloadStatusParts(busy, 'connected'))).toEqual(['status.download.downloading'])
  })

  it('[UX-1] never shows a rate or a time left, and only "complete" says complete', () => {
    for (const [key, text] of Object.entries(UX_MESSAGES_EN)) {
      if (key.startsWith('status.')) {
        expect(text, key).not.toMatch(/\/s|left:|ETA/)
        expect(text.includes('complete'), key).toBe(key === 'status.download.complete')
      }
    }
  })
})

describe('seedStatusParts', () => {
  it('[UX-1][WR-3] names who is connected and who has finished', () => {
    const seeding = { ...emptySwarm(SWARM_A, true), file }
    expect(statusText(seedStatusParts(seeding, 'connected'), translateEn)).toBe(
      'Sharing. Nobody is connected yet: send the link. Keep this tab open: the file goes from here.',
    )
    const three = { ...seeding, peers: [row('a', 20), row('b', 20), row('c', 3)] }
    expect(statusText(seedStatusParts(three, 'connected'), translateEn)).toBe(
      'Sharing with 3 people. 2 people have the whole file. 1 still downloading. Keep this tab open: the file goes from here.',
    )
  })

  it('[UX-1] a tracker outage: nobody new can join; existing connections keep going', () => {
    const seeding = { ...emptySwarm(SWARM_A, true), file, peers: [row('a', 3)] }
    expect(keys(seedStatusParts(seeding, 'reconnecting'))).toContain('status.trackerDownSeeding')
    expect(translateEn('status.trackerDownSeeding')).toContain(
      'nobody new can join; existing connections keep going',
    )
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

import { DIAL_FAILURE_CODES, PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from '@swarmdrop/engine'
import type { ChannelRoute, DialAccount, PeerStats, SwarmStats } from '@swarmdrop/engine'
import type { PeerId } from '@swarmdrop/protocol'

import { THROUGHPUT_SAMPLES } from './swarm-store.ts'
import type {
  PeerRow,
  PieceMapView,
  SwarmPeaks,
  SwarmView,
  ThroughputSeries,
} from './swarm-store.ts'

/**
 * Folds one stats snapshot into a swarm's view. Everything that did not change keeps its identity,
 * so memoised components skip their render (a quiet neighbour's row, an unchanged piece map).
 * @param now engine clock, ms, when the snapshot is applied
 */
export function applyStats(swarm: SwarmView, stats: SwarmStats, now: number): SwarmView {
  const peers = reuseUnchanged(swarm.peers, sortPeers(stats.peers.map(peerRowOf)))
  return {
    ...swarm,
    // Verified pieces never become unverified; max() keeps a late snapshot from stepping back.
    piecesVerified: capToPieceCount(swarm, Math.max(swarm.piecesVerified, stats.piecesVerified)),
    downloadedBytes: stats.downloadedBytes,
    uploadedBytes: Math.max(swarm.uploadedBytes, stats.uploadedBytes),
    downBps: stats.downBps,
    upBps: stats.upBps,
    peers,
    pieceMap: stats.pieceCount > 0 ? pieceMapOf(stats) : swarm.pieceMap,
    throughput: withSample(swarm.throughput, now, stats.downBps, stats.upBps),
    peaks: peaksOf(swarm.peaks, stats),
    sampledAt: now,
    dials: sameDials(swarm.dials, stats) ? swarm.dials : dialsOf(stats),
  }
}

function dialsOf(stats: SwarmStats): DialAccount {
  return {
    dialFailures: stats.dialFailures,
    peersOffered: stats.peersOffered,
    lastDialFailure: stats.lastDialFailure,
  }
}

/** Dial figures change rarely: keeping the object lets the swarm panel's row skip its render. */
function sameDials(dials: DialAccount, stats: SwarmStats): boolean {
  return (
    dials.peersOffered === stats.peersOffered &&
    dials.lastDialFailure?.at === stats.lastDialFailure?.at &&
    dials.lastDialFailure?.code === stats.lastDialFailure?.code &&
    DIAL_FAILURE_CODES.every((code) => dials.dialFailures[code] === stats.dialFailures[code])
  )
}

/** Clamps a verified-piece count to the file's piece count, once that is known. */
export function capToPieceCount(swarm: SwarmView, verified: number): number {
  return swarm.file === null ? verified : Math.min(verified, swarm.file.pieceCount)
}

/** Counts a snapshot's piece states; the arrays are kept as they came (fresh per snapshot). */
export function pieceMapOf(stats: SwarmStats): PieceMapView {
  const { pieceStates: states, availability } = stats
  let held = 0
  let inFlight = 0
  let unavailable = 0
  for (let index = 0; index < states.length; index += 1) {
    const state = states[index]
    if (state === PIECE_HELD) {
      held += 1
    } else if (state === PIECE_IN_FLIGHT) {
      inFlight += 1
    } else if (state === PIECE_MISSING && (availability[index] ?? 0) === 0) {
      unavailable += 1
    }
  }
  return {
    pieceCount: states.length,
    states,
    availability,
    held,
    inFlight,
    missing: states.length - held - inFlight,
    unavailable,
    inEndgame: stats.inEndgame,
  }
}

function withSample(
  series: ThroughputSeries,
  at: number,
  downBps: number,
  upBps: number,
): ThroughputSeries {
  // Drop from the front once full: a sliding window, so the charts show the last few minutes.
  const from =
    series.at.length >= THROUGHPUT_SAMPLES ? series.at.length - THROUGHPUT_SAMPLES + 1 : 0
  return {
    at: [...series.at.slice(from), at],
    downBps: [...series.downBps.slice(from), downBps],
    upBps: [...series.upBps.slice(from), upBps],
  }
}

function peaksOf(peaks: SwarmPeaks, stats: SwarmStats): SwarmPeaks {
  let seederToUs = 0
  let leecherToUs = 0
  if (stats.pieceCount > 0) {
    for (const peer of stats.peers) {
      if (peer.piecesHeld >= stats.pieceCount) {
        seederToUs += peer.downBps
      } else {
        leecherToUs += peer.downBps
      }
    }
  }
  return {
    downBps: Math.max(peaks.downBps, stats.downBps),
    upBps: Math.max(peaks.upBps, stats.upBps),
    seederToUsBps: Math.max(peaks.seederToUsBps, seederToUs),
    leecherToUsBps: Math.max(peaks.leecherToUsBps, leecherToUs),
    leechers: peaks.leechers,
  }
}

function peerRowOf(p: PeerStats): PeerRow {
  const { requestsOut: _requestsOut, requestsIn: _requestsIn, ...row } = p
  return row
}

/** BEP 3: a connection starts choked and not interested in both directions. */
export function newPeerRow(peerId: PeerId, connectedAt: number): PeerRow {
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
    piecesHeld: 0,
    hasMetadata: false,
    connectedAt,
    route: null,
  }
}

/** Sorted by peer id so rows do not jump around between snapshots. */
export function sortPeers(peers: PeerRow[]): PeerRow[] {
  return peers.sort((a, b) => (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0))
}

/** Keeps the previous row object wherever nothing in it changed (cheap memoised rows). */
function reuseUnchanged(previous: readonly PeerRow[], next: PeerRow[]): PeerRow[] {
  if (previous.length === 0) {
    return next
  }
  const byId = new Map(previous.map((row) => [row.peerId, row]))
  return next.map((row) => {
    const old = byId.get(row.peerId)
    return old !== undefined && sameRow(old, row) ? old : row
  })
}

function sameRow(a: PeerRow, b: PeerRow): boolean {
  for (const key of Object.keys(a) as (keyof PeerRow)[]) {
    // The route is a fresh object per snapshot; compare it by value.
    if (key === 'route' ? !sameRoute(a.route, b.route) : a[key] !== b[key]) {
      return false
    }
  }
  return true
}

function sameRoute(a: ChannelRoute | null, b: ChannelRoute | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.path === b.path &&
      a.rttMs === b.rttMs &&
      a.localType === b.localType &&
      a.remoteType === b.remoteType)
  )
}

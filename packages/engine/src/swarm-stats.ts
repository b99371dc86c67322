import type { PeerId, SwarmId } from '@swarmdrop/protocol'

import type { DialAccount } from './dial-failures.ts'
import { NO_DIALS } from './dial-failures.ts'
import type { PeerStats, SwarmStats } from './events.ts'
import type { ExchangeStats, Exchanging } from './exchanging.ts'
import type { Neighbour, PickerFacts } from './neighbour.ts'
import type { RateMeter } from './rate-meter.ts'

/** The exchange's part of a stats snapshot while the metadata is still being fetched. */
const NOT_EXCHANGING: ExchangeStats = {
  pieceCount: 0,
  piecesVerified: 0,
  downloadedBytes: 0,
  inEndgame: false,
  pieceStates: new Uint8Array(0),
  availability: new Uint8Array(0),
}
const NO_PICKER_FACTS: PickerFacts = { piecesHeld: 0, requestsOut: 0 }

/** What a stats snapshot is read from: each fact from its owner. */
export interface StatsSources {
  readonly swarmId: SwarmId
  /** Null while the metadata is still being fetched. */
  readonly exchange: Exchanging | null
  readonly neighbours: Iterable<Neighbour>
  readonly down: RateMeter
  readonly up: RateMeter
  /** Who holds the optimistic unchoke (Choking's). */
  readonly optimistic: PeerId | null
  /** Null before the swarm went online. */
  readonly dials: DialAccount | null
  /** Admission's counts (SPEC PL-5, PL-6). */
  readonly refusals: Pick<SwarmStats, 'proofFailures' | 'wrongPasswords'>
}

/** A swarm's stats snapshot (emitted every statsIntervalMs); only handshaken neighbours get a row. */
export function swarmStatsOf(s: StatsSources): SwarmStats {
  const { exchange } = s
  const peers: PeerStats[] = []
  for (const n of s.neighbours) {
    if (n.handshaken) {
      peers.push(
        n.stats(n.peerId === s.optimistic, exchange?.pickerFacts(n.peerId) ?? NO_PICKER_FACTS),
      )
    }
  }
  return {
    swarmId: s.swarmId,
    ...(exchange?.stats() ?? NOT_EXCHANGING),
    uploadedBytes: s.up.total,
    downBps: Math.round(s.down.recentRate()),
    upBps: Math.round(s.up.recentRate()),
    peers,
    ...(s.dials ?? NO_DIALS),
    proofFailures: s.refusals.proofFailures,
    wrongPasswords: s.refusals.wrongPasswords,
  }
}

import type { ChokeRound } from '@swarmdrop/engine'
import type { PeerId } from '@swarmdrop/protocol'

import { CHOKE_LOG_LIMIT } from './swarm-store.ts'
import type { ChokeLogEntry, RankedPeerView, SwarmView } from './swarm-store.ts'

/**
 * Adds a choke round to the swarm's log, newest first. Each neighbour carries the rate the choker
 * ranked it by, which is the "why" of tit-for-tat (SPEC CK-2); neighbours that were not
 * interested were not ranked and carry null.
 */
export function withChokeRound(swarm: SwarmView, round: ChokeRound): SwarmView {
  const rates = new Map<PeerId, number>(round.ranked.map((r) => [r.peerId, r.rate]))
  const ranked = (peerId: PeerId): RankedPeerView => ({ peerId, rate: rates.get(peerId) ?? null })
  const byRate = (a: RankedPeerView, b: RankedPeerView): number => (b.rate ?? -1) - (a.rate ?? -1)
  const entry: ChokeLogEntry = {
    seq: swarm.chokeRounds + 1,
    at: round.at,
    kind: round.optimisticRotated ? 'optimistic' : 'round',
    seeding: round.seeding,
    unchoked: round.unchoked.map(ranked).sort(byRate),
    choked: round.choked.map(ranked).sort(byRate),
    optimistic: round.optimistic,
  }
  return {
    ...swarm,
    chokeLog: [entry, ...swarm.chokeLog.slice(0, CHOKE_LOG_LIMIT - 1)],
    chokeRounds: swarm.chokeRounds + 1,
    optimisticRotations: swarm.optimisticRotations + (round.optimisticRotated ? 1 : 0),
  }
}

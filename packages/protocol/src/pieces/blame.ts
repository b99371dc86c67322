import type { PeerId } from '../ids.ts'

/** What a swarm holds between bad pieces: strikes per peer (SPEC EN-2). */
export type Strikes = ReadonlyMap<PeerId, number>

/** Who to shun for one bad piece, and the strikes after it. */
export interface BlameDecision {
  /** Peers to shun, each with the reason. */
  readonly shun: readonly { readonly peerId: PeerId; readonly reason: string }[]
  readonly strikes: Strikes
}

/**
 * SPEC EN-2: a piece failed its hash check. A lone sender is shunned at once; when several peers
 * sent its blocks none can be told from the others, so each gets a strike and is shunned at
 * `strikesToShun` (an honest peer that keeps sharing pieces with a liar is shunned only after
 * several pieces, the liar sooner). A piece that a peer shunned already had a hand in is its
 * doing: hashing is asynchronous, so pieces it sent into are still being checked after its shun,
 * and striking the others for them once shunned honest peers that only finished its pieces.
 */
export function blameBadPiece(
  contributors: readonly PeerId[],
  strikes: Strikes,
  strikesToShun: number,
  shunned: ReadonlySet<PeerId> = new Set(),
): BlameDecision {
  if (contributors.some((peerId) => shunned.has(peerId))) {
    return { shun: [], strikes }
  }
  if (contributors.length === 1) {
    const [peerId] = contributors as [PeerId]
    return { shun: [{ peerId, reason: 'sent a piece that failed its hash check' }], strikes }
  }
  const next = new Map(strikes)
  const shun: { peerId: PeerId; reason: string }[] = []
  for (const peerId of contributors) {
    const count = (next.get(peerId) ?? 0) + 1
    next.set(peerId, count)
    if (count >= strikesToShun) {
      shun.push({ peerId, reason: `${count} pieces failed their hash check` })
    }
  }
  return { shun, strikes: next }
}

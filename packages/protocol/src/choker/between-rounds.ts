import type { PeerId } from '../ids.ts'

/** One neighbour's choke state as the between-rounds rule sees it. */
export interface UnchokedPeer {
  readonly peerId: PeerId
  readonly amChoking: boolean
}

/** Which slot a neighbour unchoked between rounds takes (SPEC CK-6). */
export type BetweenRoundsSlot = 'regular' | 'optimistic'

/**
 * SPEC CK-6: between rounds a newly interested neighbour we choke is unchoked at once when a
 * regular slot is free (the optimistic unchoke does not count as regular), so a joiner need not
 * wait up to a whole round for its first block; failing that, it takes the optimistic slot when
 * nobody holds it (before the first round, or after its holder was choked or left): a fifth
 * newcomer to a seeder then starts at once instead of after the next round (10 s by default).
 *
 * @returns the slot to unchoke it into now, or null to leave it to the next round
 */
export function unchokeBetweenRounds(
  peers: Iterable<UnchokedPeer>,
  optimistic: PeerId | null,
  slots: number,
): BetweenRoundsSlot | null {
  let regular = 0
  let optimisticHeld = false
  for (const peer of peers) {
    if (peer.amChoking) {
      continue
    }
    if (peer.peerId === optimistic) {
      optimisticHeld = true
    } else {
      regular++
    }
  }
  if (regular < slots) {
    return 'regular'
  }
  return optimisticHeld ? null : 'optimistic'
}

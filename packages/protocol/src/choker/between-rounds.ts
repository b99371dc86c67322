import type { PeerId } from '../ids.ts'

/** One neighbour's choke state as the between-rounds rule sees it. */
export interface UnchokedPeer {
  readonly peerId: PeerId
  readonly amChoking: boolean
}

/**
 * SPEC CK-6: between rounds a newly interested neighbour we choke is unchoked at once when a
 * regular slot is free (the optimistic unchoke does not count as regular), so a joiner need not
 * wait up to a whole round for its first block.
 *
 * @returns whether to unchoke it now
 */
export function unchokeBetweenRounds(
  peers: Iterable<UnchokedPeer>,
  optimistic: PeerId | null,
  slots: number,
): boolean {
  let regular = 0
  for (const peer of peers) {
    if (!peer.amChoking && peer.peerId !== optimistic) {
      regular++
    }
  }
  return regular < slots
}

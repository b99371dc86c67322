import type { PeerId } from '../ids.ts'
import type { Random } from '../runtime.ts'
import { pickRandom, shuffled } from '../runtime.ts'

/** What the choker knows of one neighbour at a round. */
export interface ChokerPeer {
  readonly peerId: PeerId
  /** The neighbour is interested in us. */
  readonly peerInterested: boolean
  /** Bytes/s we receive from it (recent average). */
  readonly downloadRate: number
  /** Bytes/s we send to it (recent average). */
  readonly uploadRate: number
  /** Bytes we ever received from it: breaks ties of downloadRate (SPEC CK-2). */
  readonly downloaded: number
  /** Bytes we ever sent it: a seed serves the least served first (SPEC CK-3). */
  readonly uploaded: number
}

/** Input of one rechoke round. */
export interface ChokerInput {
  readonly peers: readonly ChokerPeer[]
  /** Seeding shares out its upload (SPEC CK-3); leeching ranks by download rate (SPEC CK-2). */
  readonly seeding: boolean
  /** Regular unchoke slots (BEP 3 / DEVELOPERS.md: 4). */
  readonly slots: number
  /** Rotate the optimistic unchoke this round (every 30 s by default, SPEC CK-4). */
  readonly rotateOptimistic: boolean
  readonly random: Random
  /**
   * 'tit-for-tat' (SPEC §CK, the default) or 'none': every interested peer unchoked — only for
   * the simulator's ablation that shows what tit-for-tat buys.
   */
  readonly policy?: ChokingPolicy
}

/** How upload slots are given. */
export type ChokingPolicy = 'tit-for-tat' | 'none'

/** Carried from round to round. */
export interface ChokerState {
  readonly optimistic: PeerId | null
}

/** The choker's decision; the engine applies it by sending choke/unchoke where state changes. */
export interface ChokeDecision {
  /** Regular slots, best first. */
  readonly regular: readonly PeerId[]
  /** The optimistic unchoke, if any. */
  readonly optimistic: PeerId | null
  /** Every peer to be unchoked: regular + optimistic. */
  readonly unchoke: readonly PeerId[]
  /** Every other peer. */
  readonly choke: readonly PeerId[]
  /** Interested peers ranked with the rate that ranked them (for the choker log). */
  readonly ranked: readonly { readonly peerId: PeerId; readonly rate: number }[]
}

export const INITIAL_CHOKER_STATE: ChokerState = { optimistic: null }

/**
 * One rechoke round (SPEC §CK). Pure: same input and Random, same decision.
 *
 * Unlike BitTorrent clients, uninterested peers are always choked, even fast ones: unchoking
 * them only matters for the moment they become interested, which SPEC CK-6 covers between rounds.
 */
export function rechoke(input: ChokerInput, state: ChokerState): [ChokeDecision, ChokerState] {
  // Shuffle first, then a stable sort: remaining ties go by Random.
  const ranked = shuffled(
    input.peers.filter((peer) => peer.peerInterested),
    input.random,
  )
    .sort(input.seeding ? leastServedFirst : fastestUploaderFirst)
    .map((peer) => ({
      peerId: peer.peerId,
      rate: input.seeding ? peer.uploadRate : peer.downloadRate,
    }))
  const slots = input.policy === 'none' ? ranked.length : Math.max(0, input.slots)
  const regular = ranked.slice(0, slots).map((entry) => entry.peerId)
  const regularSet = new Set(regular)
  const candidates = ranked.map((entry) => entry.peerId).filter((peer) => !regularSet.has(peer))
  const optimistic = chooseOptimistic(candidates, state.optimistic, input)
  const unchoke = optimistic === null ? regular : [...regular, optimistic]
  const unchokeSet = new Set(unchoke)
  const choke = input.peers.map((peer) => peer.peerId).filter((peer) => !unchokeSet.has(peer))
  return [{ regular, optimistic, unchoke, choke, ranked }, { optimistic }]
}

/**
 * SPEC CK-2. A block arrives whole, so where blocks are slow next to the rate window many rates
 * tie (at 0 or one block): then whoever gave us more so far goes first, so a free rider never
 * takes a regular slot from a peer that reciprocated.
 */
const fastestUploaderFirst = (a: ChokerPeer, b: ChokerPeer): number =>
  b.downloadRate - a.downloadRate || b.downloaded - a.downloaded

/**
 * SPEC CK-3 (libtorrent's round-robin seed choking): a seed owes nobody, so it shares its upload
 * out evenly. Ranking by upload rate instead hands it to whoever downloads fastest, usually the
 * peer that needs the seed least: in the simulator's 20-peer flash crowd every download took
 * ~12 % longer.
 */
const leastServedFirst = (a: ChokerPeer, b: ChokerPeer): number => a.uploaded - b.uploaded

/** SPEC CK-4: keep the optimistic unchoke until told to rotate, unless it left or lost interest. */
function chooseOptimistic(
  candidates: readonly PeerId[],
  previous: PeerId | null,
  input: ChokerInput,
): PeerId | null {
  const previousStillEligible = previous !== null && candidates.includes(previous)
  if (!input.rotateOptimistic && previousStillEligible) {
    return previous
  }
  // Rotating means someone else gets a turn, unless nobody else is waiting.
  const pool =
    input.rotateOptimistic && previousStillEligible && candidates.length > 1
      ? candidates.filter((peer) => peer !== previous)
      : candidates
  return pickRandom(pool, input.random) ?? null
}

/**
 * SPEC CK-1, CK-4: one timer runs the rounds, and every this-many-th round rotates the optimistic
 * unchoke: `optimisticIntervalMs / rechokeIntervalMs` rounded, at least 1 (defaults 30 s / 10 s:
 * every 3rd round). One timer, not two, so a rotation never lands a moment after a regular round
 * that it then undoes (a choke and an unchoke sent within the same millisecond).
 */
export function optimisticEveryRounds(
  rechokeIntervalMs: number,
  optimisticIntervalMs: number,
): number {
  return Math.max(1, Math.round(optimisticIntervalMs / rechokeIntervalMs))
}

/**
 * Whether round number `round` (1 for the first round after joining) rotates the optimistic
 * unchoke (SPEC CK-4).
 */
export function isOptimisticRound(round: number, everyRounds: number): boolean {
  return round % everyRounds === 0
}

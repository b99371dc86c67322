import type { PeerId } from '../ids.ts'
import type { Random } from '../runtime.ts'

/** What the choker knows of one neighbour at a round. */
export interface ChokerPeer {
  readonly peerId: PeerId
  /** The neighbour is interested in us. */
  readonly peerInterested: boolean
  /** Bytes/s we receive from it (recent average). */
  readonly downloadRate: number
  /** Bytes/s we send to it (recent average). */
  readonly uploadRate: number
}

/** Input of one rechoke round. */
export interface ChokerInput {
  readonly peers: readonly ChokerPeer[]
  /** Seeding ranks by upload rate to peers; leeching by download rate from them (SPEC CK-2, CK-3). */
  readonly seeding: boolean
  /** Regular unchoke slots (BEP 3 / DEVELOPERS.md: 4). */
  readonly slots: number
  /** Rotate the optimistic unchoke this round (every 30 s by default, SPEC CK-4). */
  readonly rotateOptimistic: boolean
  readonly random: Random
}

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

/** One rechoke round (SPEC §CK). Pure: same input and Random, same decision. */
export function rechoke(input: ChokerInput, state: ChokerState): [ChokeDecision, ChokerState] {
  throw new Error(`not implemented ${input.peers.length} ${String(state.optimistic)}`)
}

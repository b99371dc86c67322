import type { Metadata, PeerId, PieceIndex, SwarmId } from '@swarmdrop/protocol'

import type { DialFailure } from './dial-failures.ts'
import type { ChannelRoute, DialFailureCode, SwarmSize, TrackerStatus } from './interfaces.ts'

/** Per-neighbour figures in a stats snapshot (BEP 3 state names verbatim). */
export interface PeerStats {
  readonly peerId: PeerId
  readonly amChoking: boolean
  readonly amInterested: boolean
  readonly peerChoking: boolean
  readonly peerInterested: boolean
  /** Bytes/s received from this neighbour (piece payload), over the last few seconds (EN-15). */
  readonly downBps: number
  /** Bytes/s sent to this neighbour (piece payload), over the last few seconds (EN-15). */
  readonly upBps: number
  readonly downloadedBytes: number
  readonly uploadedBytes: number
  /** Pieces this neighbour holds, as far as we know. */
  readonly piecesHeld: number
  /** It holds the metadata (its handshake flag): it can tell us what the file is. */
  readonly hasMetadata: boolean
  /** Holds the optimistic unchoke slot. */
  readonly optimistic: boolean
  /** Our block requests to it still unanswered (pipeline depth in use). */
  readonly requestsOut: number
  /** Its block requests to us still queued. */
  readonly requestsIn: number
  /** When the channel opened (engine clock ms). */
  readonly connectedAt: number
  /** How the channel reaches this neighbour; null until the transport knows (SPEC NET-1). */
  readonly route: ChannelRoute | null
}

/** A swarm's figures, emitted every STATS_INTERVAL_MS. */
export interface SwarmStats {
  readonly swarmId: SwarmId
  readonly pieceCount: number
  readonly piecesVerified: number
  /** Verified piece payload received, bytes. */
  readonly downloadedBytes: number
  /** Piece payload sent, bytes. */
  readonly uploadedBytes: number
  readonly downBps: number
  readonly upBps: number
  readonly peers: readonly PeerStats[]
  readonly inEndgame: boolean
  /** Per piece: PIECE_MISSING, PIECE_IN_FLIGHT or PIECE_HELD (a fresh array each snapshot). */
  readonly pieceStates: Uint8Array
  /** Per piece: how many connected neighbours hold it, capped at 255 (rarest first, visible). */
  readonly availability: Uint8Array
  /** Failed dials per cause since joining (SPEC EN-12). */
  readonly dialFailures: Readonly<Record<DialFailureCode, number>>
  /** Distinct peers the tracker named to us since joining. */
  readonly peersOffered: number
  /** The latest failed dial, or null while none failed. */
  readonly lastDialFailure: DialFailure | null
  /**
   * Connections refused because the peer's link proof failed (SPEC PL-6): a peer without the
   * link, or someone intercepting the connection.
   */
  readonly proofFailures: number
  /** Connections refused because the peer's password proof did not match ours (SPEC PL-5). */
  readonly wrongPasswords: number
}

/** Values of SwarmStats.pieceStates. */
export const PIECE_MISSING = 0
export const PIECE_IN_FLIGHT = 1
export const PIECE_HELD = 2

/** Why the choker made a round's decision (for the choker log). */
export interface ChokeRound {
  readonly swarmId: SwarmId
  readonly at: number
  readonly optimisticRotated: boolean
  /** Seeding shares its upload out (fewest bytes sent first), downloading ranks by download rate (CK-2, CK-3). */
  readonly seeding: boolean
  readonly ranked: readonly { readonly peerId: PeerId; readonly rate: number }[]
  readonly unchoked: readonly PeerId[]
  readonly choked: readonly PeerId[]
  readonly optimistic: PeerId | null
}

/** Why a connection was refused at the peer proof (SPEC PL-6). */
export type PeerRefusal = 'proof-failed' | 'wrong-password'

/** Stable error codes of engine events. */
export type EngineErrorCode =
  | 'ERR_METADATA_MISMATCH'
  | 'ERR_STORE'
  | 'ERR_TRACKER'
  | 'ERR_PROTOCOL'
  /** The swarm's keys could not be derived (no WebCrypto, or a password that is not Unicode). */
  | 'ERR_KEYS'

/** Everything the engine tells its shell; `type` tags are kebab-case (STYLE §5). */
export type EngineEvent =
  | {
      type: 'swarm-added'
      swarmId: SwarmId
      seeding: boolean
      /** Peers must prove the share's password as well as the link (SPEC PL-5). */
      passwordRequired: boolean
    }
  | { type: 'swarm-removed'; swarmId: SwarmId }
  | { type: 'metadata'; swarmId: SwarmId; metadata: Metadata }
  | { type: 'peer-connected'; swarmId: SwarmId; peerId: PeerId }
  | { type: 'peer-disconnected'; swarmId: SwarmId; peerId: PeerId; reason: string }
  | { type: 'piece-verified'; swarmId: SwarmId; index: PieceIndex }
  /** A piece failed its hash check and is downloaded again (SPEC EN-2); the blame stays inside. */
  | { type: 'piece-failed'; swarmId: SwarmId; index: PieceIndex }
  | { type: 'peer-shunned'; swarmId: SwarmId; peerId: PeerId; reason: string }
  /**
   * A connection refused before anything was exchanged (SPEC PL-6): `proof-failed` when its
   * link proof failed (someone may be intercepting), `wrong-password` when the link proof held
   * but the password proof did not (or only one side had a password).
   */
  | { type: 'peer-refused'; swarmId: SwarmId; peerId: PeerId; reason: PeerRefusal }
  | { type: 'complete'; swarmId: SwarmId }
  | { type: 'swarm-size'; swarmId: SwarmId; size: SwarmSize }
  | { type: 'tracker-status'; status: TrackerStatus }
  | { type: 'choke-round'; round: ChokeRound }
  | { type: 'stats'; stats: SwarmStats }
  | { type: 'error'; swarmId: SwarmId | null; code: EngineErrorCode; message: string }

/** The event of a given type. */
export type EngineEventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>

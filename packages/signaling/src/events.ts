import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'

/** announce: join a swarm, or re-announce to it (SPEC TR-2, TR-3). */
export interface AnnouncePayload {
  readonly swarmId: DiscoveryId
  readonly seeding: boolean
  /** Peers wanted, 0–MAX_NUM_WANT; the tracker returns at most min(numWant, its own cap). */
  readonly numWant: number
}

/** The tracker's answer to an announce. */
export type AnnounceAck =
  | {
      readonly ok: true
      /** The announcing socket's own peer id (server-assigned, SPEC TR-1). */
      readonly peerId: PeerId
      readonly peers: readonly PeerId[]
      readonly seeders: number
      readonly leechers: number
      readonly intervalMs: number
    }
  | { readonly ok: false; readonly code: TrackerErrorCode; readonly message: string }

/** A signal to relay to another member of the same swarm (SPEC TR-5). Payload is opaque. */
export interface SignalPayload {
  readonly swarmId: DiscoveryId
  readonly to: PeerId
  readonly data: unknown
}

/** A relayed signal: `from` is the tracker's record of the sender, never client-written. */
export interface RelayedSignal {
  readonly swarmId: DiscoveryId
  readonly from: PeerId
  readonly data: unknown
}

/** Swarm size pushed to members (SPEC TR-8). */
export interface SwarmSizePayload {
  readonly swarmId: DiscoveryId
  readonly seeders: number
  readonly leechers: number
}

export type TrackerErrorCode =
  | 'ERR_INVALID_PAYLOAD'
  | 'ERR_NOT_MEMBER'
  | 'ERR_UNKNOWN_PEER'
  | 'ERR_RATE_LIMITED'
  /** SPEC TR-13: the swarm holds its maximum number of peers. */
  | 'ERR_SWARM_FULL'
  /** SPEC TR-13: this connection is in its maximum number of swarms. */
  | 'ERR_TOO_MANY_SWARMS'
  /** The tracker failed to answer (e.g. its shared store is unreachable); try again later. */
  | 'ERR_INTERNAL'

/** Reply to a signal. */
export type SignalAck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: TrackerErrorCode; readonly message: string }

/** One ICE server as handed to RTCPeerConnection. */
export interface IceServerPayload {
  readonly urls: readonly string[]
  readonly username?: string
  readonly credential?: string
}

/** The tracker's ICE configuration for this connection (SPEC IC-1). */
export interface IceConfigPayload {
  readonly iceServers: readonly IceServerPayload[]
  /** True when at least one TURN server is configured (relay-only mode possible). */
  readonly relayAvailable: boolean
  /** Unix ms when the minted TURN credentials expire; null when none expire (SPEC IC-3, IC-5). */
  readonly expiresAt: number | null
}

/** Reply to an `ice-config` request: fresh credentials, or why there are none (rate limited). */
export type IceConfigAck =
  | IceConfigPayload
  | { readonly ok: false; readonly code: TrackerErrorCode; readonly message: string }

/** Socket.IO events the client sends. */
export interface ClientToServerEvents {
  announce: (payload: AnnouncePayload, ack: (reply: AnnounceAck) => void) => void
  leave: (payload: { readonly swarmId: DiscoveryId }) => void
  signal: (payload: SignalPayload, ack?: (reply: SignalAck) => void) => void
  /** SPEC IC-5: asks for freshly minted TURN credentials (rate limited, SPEC TR-14). */
  'ice-config': (ack: (reply: IceConfigAck) => void) => void
}

/** Socket.IO events the tracker sends. */
export interface ServerToClientEvents {
  /** SPEC IC-1: sent right on connection, before anything else. */
  'ice-config': (payload: IceConfigPayload) => void
  signal: (payload: RelayedSignal) => void
  'swarm-size': (payload: SwarmSizePayload) => void
  /** SPEC TR-15: the tracker is shutting down; reconnect (to it or another) after a back-off. */
  'tracker-shutdown': () => void
}

/** Tracker defaults (SPEC TR-3, TR-4). */
export const DEFAULT_MAX_PEERS_PER_ANNOUNCE = 30
export const DEFAULT_ANNOUNCE_INTERVAL_MS = 30_000
/** Bounds on an ICE configuration a client accepts (SPEC IC-8): far above any real one. */
export const MAX_ICE_SERVERS = 16
export const MAX_ICE_URLS_PER_SERVER = 16
export const MAX_ICE_STRING_LENGTH = 1_024
/** Largest signal payload relayed, as JSON characters: an SDP with candidates is a few KiB. */
export const MAX_SIGNAL_BYTES = 16 * 1024

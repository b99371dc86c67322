import type {
  ChannelFingerprints,
  DiscoveryId,
  Metadata,
  PeerId,
  Unsubscribe,
} from '@swarmdrop/protocol'

/**
 * A reliable, ordered, message-preserving byte channel to one neighbour (an RTCDataChannel in
 * browsers, an in-memory pair in tests). The engine sends one wire frame per message.
 */
export interface Channel {
  send(bytes: Uint8Array): void
  /**
   * Sends one frame given as parts, back to back (a block and its head): a channel that packs
   * frames into messages copies them straight into the message (SPEC WR-1). Optional; without
   * it the engine joins the parts and calls `send`.
   */
  sendParts?(parts: readonly Uint8Array[]): void
  /** Bytes queued but not yet sent; the engine stops sending blocks above a high-water mark. */
  readonly bufferedAmount: number
  onMessage(callback: (bytes: Uint8Array) => void): Unsubscribe
  /** Fires when bufferedAmount falls to the transport's low-water mark (LOW_WATER_MARK_BYTES). */
  onDrain(callback: () => void): Unsubscribe
  /** Fires once, when the channel closes for any reason (either side, or an error). */
  onClose(callback: (reason?: Error) => void): Unsubscribe
  close(): void
  /** How this channel reaches the neighbour, once known (WebRTC's selected candidate pair). */
  route?(): ChannelRoute | null
  /**
   * The DTLS certificate fingerprints as this end reads them from its own local and remote SDPs
   * (SPEC PL-4), which the peer proof binds. A transport without them (none in production) binds
   * to empty strings; WebRTC always has them once the channel is open.
   */
  fingerprints?(): ChannelFingerprints | null
}

/**
 * How a channel reaches its neighbour (SPEC NET-1): `relay` when either end of the selected
 * candidate pair is a TURN relay candidate, `direct` otherwise (host, srflx, prflx).
 */
export interface ChannelRoute {
  readonly path: 'direct' | 'relay'
  /** The pair's current round-trip time, ms; null until measured. */
  readonly rttMs: number | null
  /** ICE candidate types of the selected pair: host, srflx, prflx or relay. */
  readonly localType: string
  readonly remoteType: string
}

/**
 * Why a dial failed: the `code` of the error a Transport rejects a dial with, stable so the engine
 * can count failures by cause without importing WebRTC (SPEC NET-5, EN-12). An error without one
 * of these counts as ERR_DIAL_OTHER.
 */
export type DialFailureCode =
  /** No connection within the transport's connect timeout (ICE never succeeded). */
  | 'ERR_DIAL_TIMEOUT'
  /** ICE reported failed. */
  | 'ERR_ICE_FAILED'
  /** The tracker refused to relay our signal (peer gone), or the peer never answered. */
  | 'ERR_PEER_UNREACHABLE'
  /** The connection closed while it was opening. */
  | 'ERR_DIAL_CLOSED'
  | 'ERR_DIAL_OTHER'

/** A failed dial; match on `code` (simple-peer style stable codes). */
export class DialError extends Error {
  readonly code: DialFailureCode

  constructor(code: DialFailureCode, message: string) {
    super(message)
    this.name = 'DialError'
    this.code = code
  }
}

/** Opens channels to peers. How signals travel is the transport's business, not the engine's. */
export interface Transport {
  /**
   * Connects to `peer` in the swarm known to the tracker as `discoveryId` (never the swarm id,
   * SPEC PL-2); rejects when the connection fails or times out.
   */
  dial(discoveryId: DiscoveryId, peer: PeerId): Promise<Channel>
  /** Channels other peers opened to us. */
  onIncoming(
    callback: (discoveryId: DiscoveryId, peer: PeerId, channel: Channel) => void,
  ): Unsubscribe
}

/** What an announce tells us. */
export interface AnnounceResponse {
  /** Our own peer id, assigned by the tracker. */
  readonly peerId: PeerId
  /** A random subset of the swarm's other peers (SPEC TR-3). */
  readonly peers: readonly PeerId[]
  readonly seeders: number
  readonly leechers: number
  /** When to announce again. */
  readonly intervalMs: number
}

/** Swarm size as the tracker reports it (SPEC TR-8). */
export interface SwarmSize {
  readonly seeders: number
  readonly leechers: number
}

/** Connection state of the tracker client, for the UI. */
export type TrackerStatus = 'connecting' | 'connected' | 'reconnecting'

/** The engine's view of the tracker (Socket.IO in production, in-memory in tests). */
export interface TrackerClient {
  /**
   * Joins (first call) or re-announces to a swarm, named by its discovery id (SPEC PL-2). Rejects
   * while the tracker is unreachable.
   */
  announce(request: {
    discoveryId: DiscoveryId
    seeding: boolean
    numWant: number
  }): Promise<AnnounceResponse>
  /** Leaves a swarm. */
  leave(discoveryId: DiscoveryId): void
  onSwarmSize(callback: (discoveryId: DiscoveryId, size: SwarmSize) => void): Unsubscribe
  onStatus(callback: (status: TrackerStatus) => void): Unsubscribe
}

/**
 * Stores the pieces of one swarm (abstract-chunk-store style). Implementations: memory,
 * a read-only view of a dropped File, OPFS (later).
 */
export interface ChunkStore {
  /**
   * Stores a verified piece. The store may keep `bytes` or take its buffer (transfer it to a
   * worker, which empties the caller's view): the caller must not use them afterwards.
   */
  put(index: number, bytes: Uint8Array): Promise<void>
  /** Reads `length` bytes at `offset` within piece `index` (whole piece when omitted). */
  get(index: number, offset?: number, length?: number): Promise<Uint8Array>
  close(): Promise<void>
}

/** Creates the store for a swarm once its metadata is known. */
export type ChunkStoreFactory = (metadata: Metadata) => ChunkStore

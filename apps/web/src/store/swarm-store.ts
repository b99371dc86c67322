import { NO_DIALS } from '@swarmdrop/engine'
import type { DialAccount, PeerStats, TrackerStatus } from '@swarmdrop/engine'
import type { PeerId, SwarmId } from '@swarmdrop/protocol'
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'

/** Tracker connection state as the UI shows it: the engine's own. */
export type TrackerStatusView = TrackerStatus

/** One file of a folder or several files: its path below the share's name, '/'-separated. */
export interface FileRow {
  readonly path: string
  readonly size: number
}

/** The file facts the UI shows; plain data (no piece hashes: they are the engine's business). */
export interface FileInfo {
  readonly name: string
  readonly size: number
  readonly mimeType: string
  readonly pieceCount: number
  /** For a folder or several files (SPEC MD-7), in stream order; absent for a single file. */
  readonly files?: readonly FileRow[]
}

/**
 * One neighbour as the swarm panel shows it: the engine's PeerStats (BEP 3 state names) without
 * the request counts, which change with every block and would defeat the memoised rows.
 */
export type PeerRow = Omit<PeerStats, 'requestsOut' | 'requestsIn'>

/**
 * The piece map of the latest stats snapshot. The arrays are the engine's fresh copies: each
 * snapshot brings new ones and nothing ever writes into them (STYLE §4), so identity is a version.
 */
export interface PieceMapView {
  readonly pieceCount: number
  /** Per piece: PIECE_MISSING, PIECE_IN_FLIGHT or PIECE_HELD. */
  readonly states: Uint8Array
  /** Per piece: how many neighbours hold it. */
  readonly availability: Uint8Array
  readonly held: number
  readonly inFlight: number
  readonly missing: number
  /** Missing pieces that no neighbour holds. */
  readonly unavailable: number
  readonly inEndgame: boolean
}

/** Swarm-wide rates over time, one sample per applied stats snapshot (oldest first). */
export interface ThroughputSeries {
  /** Engine clock, ms. */
  readonly at: readonly number[]
  readonly downBps: readonly number[]
  readonly upBps: readonly number[]
}

/** A neighbour in a choke round, with the rate the choker ranked it by (null: not interested). */
export interface RankedPeerView {
  readonly peerId: PeerId
  readonly rate: number | null
}

/** One choking round as the choker log shows it (SPEC CK-1..CK-5). */
export interface ChokeLogEntry {
  /** 1 for the swarm's first round, then counting up; a stable React key. */
  readonly seq: number
  /** Engine clock, ms. */
  readonly at: number
  /** 'optimistic' when this round also rotated the optimistic unchoke. */
  readonly kind: 'round' | 'optimistic'
  /** A seeder ranks by the rate it uploads to each, a leecher by the rate each sends it. */
  readonly seeding: boolean
  readonly unchoked: readonly RankedPeerView[]
  readonly choked: readonly RankedPeerView[]
  readonly optimistic: PeerId | null
}

/**
 * Peak rates seen during the session: the capacity estimates behind the distribution-time bound
 * (see swarm-figures.ts for how each is used).
 */
export interface SwarmPeaks {
  readonly downBps: number
  readonly upBps: number
  /** Combined rate from neighbours that hold the whole file (the seeders), to this tab. */
  readonly seederToUsBps: number
  /** Combined rate from neighbours still downloading (the leechers), to this tab. */
  readonly leecherToUsBps: number
  /** Most leechers the tracker reported at once. */
  readonly leechers: number
}

/** One swarm this tab takes part in. */
export interface SwarmView {
  readonly swarmId: SwarmId
  readonly seeding: boolean
  readonly file: FileInfo | null
  readonly complete: boolean
  readonly piecesVerified: number
  readonly downloadedBytes: number
  readonly uploadedBytes: number
  readonly downBps: number
  readonly upBps: number
  /** Sorted by peer id so rows do not jump around between snapshots. */
  readonly peers: readonly PeerRow[]
  /** Seeders/leechers as the tracker reports them; null until the first report. */
  readonly size: { readonly seeders: number; readonly leechers: number } | null
  readonly lastError: string | null
  /** Null until the first stats snapshot with a piece count. */
  readonly pieceMap: PieceMapView | null
  readonly throughput: ThroughputSeries
  /** Newest first, at most CHOKE_LOG_LIMIT entries. */
  readonly chokeLog: readonly ChokeLogEntry[]
  /** Rounds and optimistic rotations since joining, including those dropped from the log. */
  readonly chokeRounds: number
  readonly optimisticRotations: number
  readonly peaks: SwarmPeaks
  /** Engine clock (ms) when this tab joined the swarm, when it completed, and of the last stats. */
  readonly joinedAt: number | null
  readonly completedAt: number | null
  readonly sampledAt: number | null
  /** Peers the tracker named and our failed dials by cause, as the engine counts them (EN-12). */
  readonly dials: DialAccount
  /**
   * Our progress (integer percent) when the last neighbour that held the whole file left before
   * we finished; null while none did. The status line says so while nobody connected has the rest.
   */
  readonly senderLeftAtPercent: number | null
  /**
   * Connections the engine refused at the peer proof (SPEC PL-6): `proofFailed` (someone without
   * the link, or intercepting) and `wrongPassword` (the link held, the password did not).
   */
  readonly refused: { readonly proofFailed: number; readonly wrongPassword: number }
  /** The swarm asks for a password as well as the link (SPEC PL-5): its link is a `#2p.` one. */
  readonly passwordRequired: boolean
}

/** A file being prepared (its pieces hashed) before it can be shared. */
export interface HashingJob {
  readonly name: string
  readonly size: number
  readonly hashedBytes: number
}

/**
 * The home page's share flow, UI-only (the command layer writes it, never the engine binding).
 * Several shares run at once; `viewing` picks the one whose seeding view the home page shows.
 */
export interface ShareState {
  readonly hashing: HashingJob | null
  /** Why the last file was refused or could not be shared. */
  readonly error: string | null
  /** The share the home page shows; null: the drop zone (and the list of shares). */
  readonly viewing: SwarmId | null
  /** The next share's optional password (SPEC PL-5), as typed; kept in memory only. */
  readonly password: string
}

/** A library entry removed moments ago that can still be brought back (SPEC UX-6). */
export interface RemovedEntry {
  readonly swarmId: SwarmId
  readonly name: string
}

/**
 * The UI's read model (STYLE §4): plain, serialisable data only. It tracks: 1. the tracker
 * connection, 2. every swarm of this tab with its latest stats, 3. the share flow, removals
 * awaiting undo and stopped downloads (UI-only), 4. the upload cap, 5. the relay-only choice and
 * whether the tracker offers a relay.
 */
export interface SwarmState {
  readonly tracker: TrackerStatusView
  readonly swarms: Readonly<Record<SwarmId, SwarmView>>
  readonly share: ShareState
  /** Removed, waiting out the undo period (UI-only: the command layer writes it). */
  readonly removed: readonly RemovedEntry[]
  /**
   * Removed from the library by another tab while this page is open (UI-only): the home page
   * stops listing them at once, although the deletion itself may still be under way.
   */
  readonly goneElsewhere: readonly SwarmId[]
  /** Why a download stopped for good or could not start, per swarm (UI-only). */
  readonly stopped: Readonly<Record<SwarmId, string>>
  /** The upload cap this tab's engine runs with, bytes/s (0 = unlimited). */
  readonly uploadLimitBps: number
  /** "Hide my IP address" (SPEC NET-2): new connections use relay candidates only. */
  readonly relayOnly: boolean
  /** Whether the tracker offers a relay server; null until its ICE configuration arrives. */
  readonly relayAvailable: boolean | null
}

/** The store type components and bind-engine share. */
export type SwarmStore = StoreApi<SwarmState>

/** The state of a fresh tab. */
export const INITIAL_SWARM_STATE: SwarmState = {
  tracker: 'connecting',
  swarms: {},
  share: { hashing: null, error: null, viewing: null, password: '' },
  removed: [],
  goneElsewhere: [],
  stopped: {},
  uploadLimitBps: 0,
  relayOnly: false,
  relayAvailable: null,
}

/** Choke rounds kept in the log; older ones only count. */
export const CHOKE_LOG_LIMIT = 40

/** Throughput samples kept for the charts: two minutes at the default 500 ms stats interval. */
export const THROUGHPUT_SAMPLES = 240

const EMPTY_SERIES: ThroughputSeries = { at: [], downBps: [], upBps: [] }
const NO_PEAKS: SwarmPeaks = {
  downBps: 0,
  upBps: 0,
  seederToUsBps: 0,
  leecherToUsBps: 0,
  leechers: 0,
}

/** A swarm row before anything is known about it. */
export function emptySwarm(swarmId: SwarmId, seeding: boolean): SwarmView {
  return {
    swarmId,
    seeding,
    file: null,
    complete: seeding,
    piecesVerified: 0,
    downloadedBytes: 0,
    uploadedBytes: 0,
    downBps: 0,
    upBps: 0,
    peers: [],
    size: null,
    lastError: null,
    pieceMap: null,
    throughput: EMPTY_SERIES,
    chokeLog: [],
    chokeRounds: 0,
    optimisticRotations: 0,
    peaks: NO_PEAKS,
    joinedAt: null,
    completedAt: null,
    sampledAt: null,
    dials: NO_DIALS,
    senderLeftAtPercent: null,
    refused: { proofFailed: 0, wrongPassword: 0 },
    passwordRequired: false,
  }
}

/** Creates the store; the composition root makes one per tab (no module-global state). */
export function createSwarmStore(initial: SwarmState = INITIAL_SWARM_STATE): SwarmStore {
  return createStore<SwarmState>()(() => initial)
}

/**
 * Returns `state` with swarm `swarmId` replaced by `update(current)`, creating it when missing.
 * The record is copied, never mutated, so zustand's Object.is check sees the change.
 */
export function withSwarm(
  state: SwarmState,
  swarmId: SwarmId,
  update: (swarm: SwarmView) => SwarmView,
  seeding = false,
): Pick<SwarmState, 'swarms'> {
  const current = state.swarms[swarmId] ?? emptySwarm(swarmId, seeding)
  return { swarms: { ...state.swarms, [swarmId]: update(current) } }
}

import type { PeerId, SwarmId } from '@swarmdrop/protocol'
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'

/** Tracker connection state as the UI shows it (mirrors the engine's TrackerStatus). */
export type TrackerStatusView = 'connecting' | 'connected' | 'reconnecting'

/** The file facts the UI shows; plain data (no piece hashes: they are the engine's business). */
export interface FileInfo {
  readonly name: string
  readonly size: number
  readonly mimeType: string
  readonly pieceCount: number
}

/** One neighbour as the swarm panel shows it (BEP 3 state names verbatim). */
export interface PeerRow {
  readonly peerId: PeerId
  readonly amChoking: boolean
  readonly amInterested: boolean
  readonly peerChoking: boolean
  readonly peerInterested: boolean
  readonly downBps: number
  readonly upBps: number
  readonly downloadedBytes: number
  readonly uploadedBytes: number
  readonly optimistic: boolean
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
}

/** The home page's share flow. The seeder stays here, so its view lives in the store, not the URL. */
export type ShareState =
  | { readonly phase: 'idle'; readonly error: string | null }
  | {
      readonly phase: 'hashing'
      readonly name: string
      readonly size: number
      readonly hashedBytes: number
    }
  | { readonly phase: 'seeding'; readonly swarmId: SwarmId }

/**
 * The UI's read model (STYLE §4): plain, serialisable data only. It tracks: 1. the tracker
 * connection, 2. every swarm of this tab with its latest stats, 3. the share flow.
 */
export interface SwarmState {
  readonly tracker: TrackerStatusView
  readonly swarms: Readonly<Record<SwarmId, SwarmView>>
  readonly share: ShareState
}

/** The store type components and bind-engine share. */
export type SwarmStore = StoreApi<SwarmState>

/** The state of a fresh tab. */
export const INITIAL_SWARM_STATE: SwarmState = {
  tracker: 'connecting',
  swarms: {},
  share: { phase: 'idle', error: null },
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

import type { ChokingPolicy, PieceOrder } from '@swarmdrop/protocol'
import { BLOCK_SIZE_BYTES } from '@swarmdrop/protocol'

/** Tunables of the engine; defaults follow BEP 3 and DEVELOPERS.md. */
export interface EngineConfig {
  /** Regular unchoke round (SPEC CK-1). */
  readonly rechokeIntervalMs: number
  /** Optimistic unchoke rotation (SPEC CK-4). */
  readonly optimisticIntervalMs: number
  /** Regular unchoke slots. */
  readonly uploadSlots: number
  /** Neighbours we aim for; below this we announce early (SPEC TR-4). */
  readonly targetNeighbours: number
  /** Hard cap on neighbours (dialled + accepted). */
  readonly maxNeighbours: number
  /** Dials in flight at once (SPEC TR-6). */
  readonly maxPendingDials: number
  /** Peers to ask the tracker for. */
  readonly numWant: number
  /** Outstanding block requests per neighbour. */
  readonly pipelineDepth: number
  /** No block from a neighbour this long: its requests are dropped and asked again (SPEC PP-5). */
  readonly requestTimeoutMs: number
  /** Stop sending blocks while a channel's bufferedAmount is above this. */
  readonly highWaterMarkBytes: number
  /** Strikes (shared bad pieces) before a peer is shunned (SPEC EN-…). */
  readonly strikesToShun: number
  /** How often `stats` events are emitted. */
  readonly statsIntervalMs: number
  /** How often request time-outs, stalled metadata fetches, idle dials and liveness are checked. */
  readonly housekeepingIntervalMs: number
  /**
   * A keep-alive (WR-1) goes to a neighbour we sent nothing to for this long, so that its idle
   * timeout hears from us while we have nothing to say (SPEC EN-10; 0 = never).
   */
  readonly keepAliveIntervalMs: number
  /**
   * A neighbour from which nothing at all arrived for this long is dropped (SPEC EN-11; 0 =
   * never): a closed tab or a dead route does not always close the channel.
   */
  readonly peerIdleTimeoutMs: number
  readonly blockSize: number
  /** Upload cap in bytes/s shared by all this engine's uploads (0 = unlimited). */
  readonly uploadLimitBps: number
  /** New-piece order; 'random' exists only for the simulator's ablations. */
  readonly pieceOrder: PieceOrder
  /** Slot policy; 'none' (unchoke every interested peer) exists only for ablations. */
  readonly chokingPolicy: ChokingPolicy
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  rechokeIntervalMs: 10_000,
  optimisticIntervalMs: 30_000,
  uploadSlots: 4,
  targetNeighbours: 12,
  maxNeighbours: 30,
  maxPendingDials: 4,
  numWant: 30,
  pipelineDepth: 16,
  requestTimeoutMs: 15_000,
  highWaterMarkBytes: 1024 * 1024,
  strikesToShun: 3,
  statsIntervalMs: 500,
  housekeepingIntervalMs: 1_000,
  // Four keep-alives per idle timeout: a neighbour is dropped only after several missed in a row.
  keepAliveIntervalMs: 5_000,
  // Chromium reports a dead ICE route after ~15-30 s; 20 s notices a closed tab about as fast.
  peerIdleTimeoutMs: 20_000,
  blockSize: BLOCK_SIZE_BYTES,
  uploadLimitBps: 0,
  pieceOrder: 'rarest-first',
  chokingPolicy: 'tit-for-tat',
}

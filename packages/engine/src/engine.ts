import type {
  Clock,
  Hasher,
  Logger,
  Metadata,
  Random,
  SwarmId,
  Unsubscribe,
} from '@swarmdrop/protocol'

import type { EngineConfig } from './config.ts'
import type { EngineEvent } from './events.ts'
import type { ChunkStore, ChunkStoreFactory, TrackerClient, Transport } from './interfaces.ts'

/** Everything nondeterministic or I/O-bound the engine needs, injected (STYLE §1.3). */
export interface EngineDeps {
  readonly clock: Clock
  readonly random: Random
  readonly hasher: Hasher
  readonly transport: Transport
  readonly tracker: TrackerClient
  readonly logger?: Logger
  readonly config?: Partial<EngineConfig>
}

/** A swarm the engine takes part in. */
export interface TorrentHandle {
  readonly swarmId: SwarmId
  /** Known once fetched from peers and verified (immediately when seeding). */
  metadata(): Metadata | null
  /** The store holding verified pieces (null until the metadata is known). */
  store(): ChunkStore | null
  /** True once every piece is verified. */
  isComplete(): boolean
}

/** The swarm engine: BitTorrent over an injected transport, tracker, clock and randomness. */
export interface Engine {
  /** Seeds a file whose every piece is in `store` (already hashed into `metadata`). */
  seed(metadata: Metadata, store: ChunkStore): Promise<TorrentHandle>
  /** Joins a swarm to download it; the metadata is fetched from peers and verified first. */
  download(swarmId: SwarmId, createStore: ChunkStoreFactory): TorrentHandle
  /** Leaves a swarm and closes its store. */
  remove(swarmId: SwarmId): Promise<void>
  torrent(swarmId: SwarmId): TorrentHandle | undefined
  onEvent(callback: (event: EngineEvent) => void): Unsubscribe
  /** Leaves every swarm, closes every channel, cancels every timer. */
  destroy(): Promise<void>
}

/** Creates an engine. */
export function createEngine(deps: EngineDeps): Engine {
  throw new Error(`not implemented ${typeof deps}`)
}

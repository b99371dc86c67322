import type { Clock, Hasher, Logger, PeerId, Random, SwarmCrypto } from '@swarmdrop/protocol'

import type { EngineConfig } from './config.ts'
import type { EngineEvent } from './events.ts'
import type { TrackerClient, Transport } from './interfaces.ts'
import type { UploadThrottle } from './upload-throttle.ts'

/** What every swarm of an engine shares. */
export interface SwarmContext {
  readonly clock: Clock
  readonly random: Random
  readonly hasher: Hasher
  /** The peer proof's primitives (SPEC PL-4). */
  readonly crypto: SwarmCrypto
  readonly transport: Transport
  readonly tracker: TrackerClient
  readonly logger: Logger
  readonly config: EngineConfig
  readonly emit: (event: EngineEvent) => void
  /** The engine-wide upload cap. */
  readonly throttle: UploadThrottle
  /** Our peer id as the tracker last told us (null before the first announce answers). */
  readonly selfId: () => PeerId | null
  readonly setSelfId: (peerId: PeerId) => void
}

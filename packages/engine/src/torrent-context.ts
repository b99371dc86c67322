import type { Clock, Hasher, Logger, PeerId, Random } from '@swarmdrop/protocol'

import type { EngineConfig } from './config.ts'
import type { EngineEvent } from './events.ts'
import type { TrackerClient, Transport } from './interfaces.ts'
import type { UploadThrottle } from './upload-throttle.ts'

/** What every torrent of an engine shares. */
export interface TorrentContext {
  readonly clock: Clock
  readonly random: Random
  readonly hasher: Hasher
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

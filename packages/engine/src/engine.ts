import type {
  Clock,
  DiscoveryId,
  Hasher,
  Logger,
  Metadata,
  PeerId,
  Random,
  SwarmCrypto,
  SwarmId,
  Unsubscribe,
} from '@swarmdrop/protocol'
import {
  Bitfield,
  SILENT_LOGGER,
  deriveSwarmKeys,
  encodeMetadata,
  hasPassword,
  isSwarmId,
  pieceCount,
  swarmIdOf,
} from '@swarmdrop/protocol'

import type { EngineConfig } from './config.ts'
import { DEFAULT_ENGINE_CONFIG } from './config.ts'
import type { EngineEvent } from './events.ts'
import type { ChunkStore, ChunkStoreFactory, TrackerClient, Transport } from './interfaces.ts'
import type { Playback } from './playback.ts'
import { Swarm } from './swarm.ts'
import { UploadThrottle } from './upload-throttle.ts'
import type { SwarmContext } from './swarm-context.ts'

/** Everything nondeterministic or I/O-bound the engine needs, injected (STYLE §1.3). */
export interface EngineDeps {
  readonly clock: Clock
  readonly random: Random
  readonly hasher: Hasher
  /** HKDF, HMAC, PBKDF2 and random nonces for the link key schedule and peer proof (SPEC PL-2…PL-5). */
  readonly crypto: SwarmCrypto
  readonly transport: Transport
  readonly tracker: TrackerClient
  readonly logger?: Logger
  readonly config?: Partial<EngineConfig>
}

/** How to join a swarm (every field optional: the engine API only grows). */
export interface JoinOptions {
  /**
   * The share's password (SPEC PL-5): peers must prove it as well as the link. A seeder that
   * sets one shares a `#2p.` link; a downloader of such a link must pass it.
   */
  readonly password?: string
}

/** A swarm the engine takes part in. */
export interface SwarmHandle {
  readonly swarmId: SwarmId
  /** Known once fetched from peers and verified (immediately when seeding). */
  metadata(): Metadata | null
  /**
   * Bytes of verified piece `index` (the whole piece by default); rejects for a piece not
   * verified, so no caller ever reads bytes the engine has not checked.
   */
  read(index: number, offset?: number, length?: number): Promise<Uint8Array>
  /** True once every piece is verified. */
  isComplete(): boolean
  /** Whether piece `index` is verified (what the stream route may read, SPEC ST-3). */
  has(index: number): boolean
  /** SPEC ST-5: a viewer's position in one file (null: nobody plays); sets piece deadlines. */
  setPlayback(playback: Playback | null): void
}

/** The swarm engine: BitTorrent over an injected transport, tracker, clock and randomness. */
export interface Engine {
  /** Seeds a file whose every piece is in `store` (already hashed into `metadata`). */
  seed(metadata: Metadata, store: ChunkStore, options?: JoinOptions): Promise<SwarmHandle>
  /**
   * Rejoins a swarm whose metadata is known and whose pieces listed in `have` are already
   * verified in `store` (resume after a reload): those are announced, never downloaded again,
   * and the rest is downloaded into `store`. With every piece in `have` this is `seed`.
   */
  resume(
    metadata: Metadata,
    store: ChunkStore,
    have: readonly number[],
    options?: JoinOptions,
  ): Promise<SwarmHandle>
  /**
   * Joins a swarm to download it; the metadata is fetched from peers that passed the proof
   * (SPEC PL-6) and verified first.
   */
  download(swarmId: SwarmId, createStore: ChunkStoreFactory, options?: JoinOptions): SwarmHandle
  /** Leaves a swarm and closes its store. */
  remove(swarmId: SwarmId): Promise<void>
  swarm(swarmId: SwarmId): SwarmHandle | undefined
  /** Our peer id as the tracker assigned it (null until the first announce answers). */
  peerId(): PeerId | null
  /** Caps this engine's total upload in bytes/s (0 = unlimited), as every torrent client can. */
  setUploadLimit(bytesPerSecond: number): void
  onEvent(callback: (event: EngineEvent) => void): Unsubscribe
  /** Leaves every swarm, closes every channel, cancels every timer. */
  destroy(): Promise<void>
}

/** Creates an engine. */
export function createEngine(deps: EngineDeps): Engine {
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...deps.config }
  const logger = deps.logger ?? SILENT_LOGGER
  const swarms = new Map<SwarmId, Swarm>()
  /** The same swarms by the name the tracker and transport know them by (SPEC PL-2). */
  const byDiscoveryId = new Map<DiscoveryId, Swarm>()
  const listeners = new Set<(event: EngineEvent) => void>()
  let selfId: PeerId | null = null

  const emit = (event: EngineEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        // A broken listener (UI) must not break the swarm.
        logger.warn('event listener threw', { type: event.type, error: String(error) })
      }
    }
  }

  const ctx: SwarmContext = {
    clock: deps.clock,
    random: deps.random,
    hasher: deps.hasher,
    crypto: deps.crypto,
    transport: deps.transport,
    tracker: deps.tracker,
    logger,
    config,
    emit,
    throttle: new UploadThrottle(deps.clock, config.uploadLimitBps),
    selfId: () => selfId,
    setSelfId: (peerId) => {
      selfId = peerId
    },
  }

  const subscriptions: Unsubscribe[] = [
    deps.transport.onIncoming((discoveryId, peer, channel) => {
      const swarm = byDiscoveryId.get(discoveryId)
      if (swarm) {
        swarm.attach(peer, channel)
      } else {
        channel.close()
      }
    }),
    deps.tracker.onStatus((status) => {
      emit({ type: 'tracker-status', status })
      if (status === 'connected') {
        for (const swarm of swarms.values()) {
          swarm.reannounce()
        }
      }
    }),
    deps.tracker.onSwarmSize((discoveryId, size) => {
      byDiscoveryId.get(discoveryId)?.setSwarmSize(size)
    }),
  ]

  /**
   * Registers a swarm, then derives its keys (SPEC PL-2, PL-5: a password costs a slow KDF)
   * and only then lets it announce or accept channels.
   */
  const add = (swarm: Swarm, seeding: boolean, options: JoinOptions = {}): Swarm => {
    const swarmId = swarm.swarmId
    swarms.set(swarmId, swarm)
    emit({
      type: 'swarm-added',
      swarmId,
      seeding,
      passwordRequired: hasPassword(options.password),
    })
    deriveSwarmKeys(swarmId, deps.crypto, options.password).then(
      (keys) => {
        if (swarms.get(swarmId) === swarm) {
          byDiscoveryId.set(keys.discoveryId, swarm)
          swarm.start(keys)
        }
      },
      (error: unknown) => {
        emit({ type: 'error', swarmId, code: 'ERR_KEYS', message: String(error) })
      },
    )
    return swarm
  }

  const forget = (swarmId: SwarmId): Swarm | undefined => {
    const swarm = swarms.get(swarmId)
    swarms.delete(swarmId)
    for (const [discoveryId, known] of byDiscoveryId) {
      if (known === swarm) {
        byDiscoveryId.delete(discoveryId)
      }
    }
    return swarm
  }

  return {
    seed(metadata, store, options) {
      return this.resume(
        metadata,
        store,
        Array.from({ length: pieceCount(metadata) }, (_, i) => i),
        options,
      )
    },
    async resume(metadata, store, have, options) {
      const swarmId = await swarmIdOf(encodeMetadata(metadata), deps.hasher)
      const existing = swarms.get(swarmId)
      if (existing) {
        await store.close()
        return existing
      }
      const held = new Bitfield(pieceCount(metadata))
      for (const index of have) {
        held.set(index)
      }
      const swarm = new Swarm(ctx, swarmId, { kind: 'seed', metadata, store, have: held })
      return add(swarm, held.isComplete(), options)
    },
    download(swarmId, createStore, options) {
      if (!isSwarmId(swarmId)) {
        throw new Error(`not a swarm id: ${String(swarmId)}`)
      }
      const existing = swarms.get(swarmId)
      if (existing) {
        return existing
      }
      return add(new Swarm(ctx, swarmId, { kind: 'download', createStore }), false, options)
    },
    async remove(swarmId) {
      const swarm = forget(swarmId)
      await swarm?.destroy()
      if (swarm) {
        emit({ type: 'swarm-removed', swarmId })
      }
    },
    swarm: (swarmId) => swarms.get(swarmId),
    peerId: () => selfId,
    setUploadLimit(bytesPerSecond) {
      ctx.throttle.setRate(bytesPerSecond)
    },
    onEvent(callback) {
      listeners.add(callback)
      return () => {
        listeners.delete(callback)
      }
    },
    async destroy() {
      for (const unsubscribe of subscriptions) {
        unsubscribe()
      }
      const all = [...swarms.values()]
      swarms.clear()
      byDiscoveryId.clear()
      await Promise.all(all.map((swarm) => swarm.destroy()))
      listeners.clear()
    },
  }
}

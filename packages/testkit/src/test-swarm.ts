import type { ChunkStore, Engine, EngineConfig, EngineEvent } from '@swarmdrop/engine'
import { createEngine } from '@swarmdrop/engine'
import type { Hasher, Metadata, PeerId, SwarmId } from '@swarmdrop/protocol'
import { createMetadata, encodeMetadata, swarmIdOf } from '@swarmdrop/protocol'

import { InMemoryNetwork } from './in-memory-network.ts'
import { InMemoryTracker } from './in-memory-tracker.ts'
import { ManualClock } from './manual-clock.ts'
import { MemoryChunkStore } from './memory-chunk-store.ts'
import { nodeCrypto } from './node-crypto.ts'
import { nodeHasher } from './node-hasher.ts'
import { SeededRandom } from './seeded-random.ts'

/** Fast rounds and 16 KiB blocks so pieces have several blocks and tests run in virtual seconds. */
export const FAST_TEST_CONFIG: Partial<EngineConfig> = {
  rechokeIntervalMs: 1_000,
  optimisticIntervalMs: 3_000,
  statsIntervalMs: 500,
  blockSize: 16 * 1024,
  requestTimeoutMs: 3_000,
}

export interface TestSwarmOptions {
  /** Seed of every random choice in the swarm (tie-breaks, peer subsets, optimistic unchokes). */
  readonly seed?: number
  readonly latencyMs?: number
  /** See InMemoryNetworkOptions.linkBytes. */
  readonly linkBytes?: (message: Uint8Array) => number
  readonly lowWaterMarkBytes?: number
  readonly trackerIntervalMs?: number
  /** Engine config shared by every peer (overridable per peer). */
  readonly config?: Partial<EngineConfig>
  /** How async work settles between instants (see ManualClock; default one event-loop turn). */
  readonly settle?: () => Promise<void>
  /** Keep every peer's events in TestPeer.events (default true; a big simulation turns it off). */
  readonly recordEvents?: boolean
}

export interface TestPeerOptions {
  /** Upload capacity, bytes/s (0 = unlimited). */
  readonly uploadBps?: number
  /** Download capacity, bytes/s (0 = unlimited). */
  readonly downloadBps?: number
  readonly config?: Partial<EngineConfig>
  /** Piece hashing (default nodeHasher, which settles at once; WebCrypto takes a while). */
  readonly hasher?: Hasher
}

/** A peer of a TestSwarm with the events it emitted. */
export interface TestPeer {
  readonly peerId: PeerId
  readonly engine: Engine
  readonly events: EngineEvent[]
}

/**
 * A whole swarm of real engines on one ManualClock, an InMemoryNetwork and an InMemoryTracker,
 * for integration tests and seeded fuzzing: same seed, same run.
 */
export class TestSwarm {
  readonly clock: ManualClock
  readonly random: SeededRandom
  readonly network: InMemoryNetwork
  readonly tracker: InMemoryTracker
  readonly peers: TestPeer[] = []
  readonly #config: Partial<EngineConfig>
  readonly #recordEvents: boolean
  #nextId = 1

  constructor(options: TestSwarmOptions = {}) {
    this.clock = new ManualClock(0, options.settle)
    this.#recordEvents = options.recordEvents ?? true
    this.random = new SeededRandom(options.seed ?? 1)
    this.network = new InMemoryNetwork({
      clock: this.clock,
      latencyMs: options.latencyMs ?? 5,
      ...(options.linkBytes === undefined ? {} : { linkBytes: options.linkBytes }),
      ...(options.lowWaterMarkBytes === undefined
        ? {}
        : { lowWaterMarkBytes: options.lowWaterMarkBytes }),
    })
    this.tracker = new InMemoryTracker({
      random: this.random,
      ...(options.trackerIntervalMs === undefined ? {} : { intervalMs: options.trackerIntervalMs }),
    })
    this.#config = options.config ?? {}
  }

  /** Adds a peer with a fresh engine (ids sort in join order: p001, p002, …). */
  addPeer(options: TestPeerOptions = {}): TestPeer {
    const peerId = `p${String(this.#nextId++).padStart(3, '0')}` as PeerId
    const engine = createEngine({
      clock: this.clock,
      random: this.random,
      hasher: options.hasher ?? nodeHasher,
      crypto: nodeCrypto,
      transport: this.network.transport(peerId, {
        uploadBps: options.uploadBps ?? 0,
        downloadBps: options.downloadBps ?? 0,
      }),
      tracker: this.tracker.client(peerId),
      config: { ...this.#config, ...options.config },
    })
    const peer: TestPeer = { peerId, engine, events: [] }
    if (this.#recordEvents) {
      engine.onEvent((event) => {
        if (event.type !== 'stats') {
          peer.events.push(event)
        }
      })
    }
    this.peers.push(peer)
    return peer
  }

  /** Takes a peer off the network and the tracker at once (a closed tab). */
  async kill(peer: TestPeer): Promise<void> {
    this.network.disconnect(peer.peerId)
    this.tracker.disconnect(peer.peerId)
    await peer.engine.destroy()
  }

  async destroy(): Promise<void> {
    await Promise.all(this.peers.map((peer) => peer.engine.destroy()))
  }
}

/** Metadata and swarm id of `bytes` as a file named `name`. */
export async function describeBytes(
  bytes: Uint8Array,
  options: { readonly name?: string; readonly pieceLength?: number } = {},
): Promise<{ metadata: Metadata; swarmId: SwarmId }> {
  const file = {
    name: options.name ?? 'file.bin',
    size: bytes.length,
    mimeType: 'application/octet-stream',
  }
  const metadata =
    options.pieceLength === undefined
      ? await createMetadata(
          file,
          async (offset, length) => bytes.subarray(offset, offset + length),
          nodeHasher,
        )
      : await withPieceLength(file, bytes, options.pieceLength)
  return { metadata, swarmId: await swarmIdOf(encodeMetadata(metadata), nodeHasher) }
}

/** Metadata with a chosen piece length (the simulator's small pieces). */
async function withPieceLength(
  file: { name: string; size: number; mimeType: string },
  bytes: Uint8Array,
  pieceLength: number,
): Promise<Metadata> {
  const count = Math.ceil(bytes.length / pieceLength)
  const pieceHashes = new Uint8Array(count * 32)
  for (let index = 0; index < count; index++) {
    const piece = bytes.subarray(index * pieceLength, (index + 1) * pieceLength)
    pieceHashes.set(await nodeHasher(piece), index * 32)
  }
  return { ...file, pieceLength, pieceHashes }
}

/** Seeds `bytes` from `peer`; `store` lets a test hand in a corrupting store. */
export async function seedBytes(
  peer: TestPeer,
  bytes: Uint8Array,
  store?: (metadata: Metadata) => ChunkStore,
  pieceLength?: number,
): Promise<{ metadata: Metadata; swarmId: SwarmId }> {
  const described = await describeBytes(bytes, pieceLength === undefined ? {} : { pieceLength })
  const chunkStore = store
    ? store(described.metadata)
    : MemoryChunkStore.fromBytes(described.metadata, bytes)
  await peer.engine.seed(described.metadata, chunkStore)
  return described
}

/** Reads every piece of a complete download back as one array. */
export async function readAll(
  peer: { readonly engine: Engine },
  swarmId: SwarmId,
): Promise<Uint8Array> {
  const handle = peer.engine.swarm(swarmId)
  const metadata = handle?.metadata()
  if (!handle || !metadata) {
    throw new Error(`no metadata for ${swarmId} yet`)
  }
  const out = new Uint8Array(metadata.size)
  for (let offset = 0, index = 0; offset < metadata.size; offset += metadata.pieceLength, index++) {
    out.set(await handle.read(index), offset)
  }
  return out
}

import type { Bitfield, Metadata, PeerId, SwarmId } from '@swarmdrop/protocol'

import { Exchanging } from './exchanging.ts'
import { FetchingMetadata } from './fetching-metadata.ts'
import type { ChunkStore, ChunkStoreFactory } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import type { Playback } from './playback.ts'
import type { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'

/** The swarm's two phases: before the metadata, and after it (SPEC MD-*). */
export type Phase = FetchingMetadata | Exchanging

export interface PhasesOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly down: RateMeter
  readonly up: RateMeter
  /** Where a downloaded swarm's pieces go once the metadata says what they are (null: seeding). */
  readonly createStore: ChunkStoreFactory | null
  /** A neighbour sent metadata that did not match the swarm id. */
  readonly onBadSource: (peer: PeerId, reason: string) => void
  /** A piece failed its hash check; these peers sent its blocks (SPEC EN-2). */
  readonly onBadPiece: (contributors: readonly PeerId[]) => void
  /** Every piece is held, reported once (SPEC EN-4). */
  readonly onComplete: () => void
}

/**
 * The swarm's phase and its one change: FetchingMetadata until the metadata arrives (or is given,
 * when seeding), then Exchanging over a store made for it.
 *
 * This tracks: 1. the current phase, 2. where a viewer plays (SPEC ST-5), which the exchange
 * turns into deadlines, 3. whether completion was reported, 4. whether the swarm left.
 */
export class Phases {
  readonly #o: PhasesOptions
  #phase: Phase
  #playback: Playback | null = null
  #completeReported = false
  #stopped = false

  constructor(options: PhasesOptions) {
    this.#o = options
    const { ctx, swarmId, neighbours } = options
    this.#phase = new FetchingMetadata({
      ctx,
      swarmId,
      neighbours,
      onMetadata: (metadata, encoded) => this.enterExchange(metadata, encoded, null),
      onBadSource: options.onBadSource,
    })
  }

  get current(): Phase {
    return this.#phase
  }

  /** The exchanging phase, or null while the metadata is still being fetched. */
  exchanging(): Exchanging | null {
    return this.#phase.kind === 'exchanging' ? this.#phase : null
  }

  /** SPEC ST-5: a viewer plays (null: nobody); the exchange sets deadlines from it at once. */
  setPlayback(playback: Playback | null): void {
    this.#playback = playback
    this.exchanging()?.applyPlayback(playback)
  }

  /**
   * The metadata is known: the exchange starts over `seedStore` (seeding) or a store made for it,
   * with the pieces `have` lists, and greets every neighbour that passed the proof exchange.
   */
  enterExchange(
    metadata: Metadata,
    encoded: Uint8Array,
    seedStore: ChunkStore | null,
    have: Bitfield | null = null,
  ): void {
    if (this.#phase.kind === 'exchanging' || this.#stopped) {
      return
    }
    const { ctx, swarmId } = this.#o
    let store: ChunkStore
    try {
      store = seedStore ?? (this.#o.createStore as ChunkStoreFactory)(metadata)
    } catch (error) {
      ctx.emit({ type: 'error', swarmId, code: 'ERR_STORE', message: String(error) })
      return
    }
    const exchanging = new Exchanging({
      ctx,
      swarmId,
      metadata,
      encodedMetadata: encoded,
      store,
      have,
      neighbours: this.#o.neighbours,
      down: this.#o.down,
      up: this.#o.up,
      onComplete: () => this.#reportComplete(),
      onBadPiece: this.#o.onBadPiece,
    })
    this.#phase = exchanging
    ctx.emit({ type: 'metadata', swarmId, metadata })
    for (const n of this.#o.neighbours.values()) {
      if (n.handshaken) {
        exchanging.greet(n)
      }
    }
    if (exchanging.downloader.isComplete()) {
      this.#reportComplete()
    }
  }

  /** Before the metadata, offers every handshaken neighbour with it as a source. */
  offerMetadataSources(): void {
    if (this.#phase.kind === 'fetching-metadata') {
      this.#phase.offerSources()
    }
  }

  /** The phase's own housekeeping, then the viewer's deadlines again (they move with time). */
  housekeeping(): void {
    this.#phase.housekeeping()
    this.exchanging()?.applyPlayback(this.#playback)
  }

  /** The swarm is leaving: no metadata starts an exchange after this. */
  stop(): void {
    this.#stopped = true
  }

  #reportComplete(): void {
    if (!this.#completeReported) {
      this.#completeReported = true
      this.#o.onComplete()
    }
  }
}

import type {
  Bitfield,
  Metadata,
  PeerId,
  SwarmId,
  SwarmKeys,
  Unsubscribe,
  WireMessage,
} from '@swarmdrop/protocol'
import { encodeMetadata } from '@swarmdrop/protocol'

import { Admission } from './admission.ts'
import { checkLiveness } from './check-liveness.ts'
import { Choking } from './choking.ts'
import type { Channel, ChunkStore, ChunkStoreFactory, SwarmSize } from './interfaces.ts'
import { Neighbour } from './neighbour.ts'
import { Online } from './online.ts'
import { Phases } from './phases.ts'
import type { Playback } from './playback.ts'
import { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'
import { swarmStatsOf } from './swarm-stats.ts'
import { WireDispatch } from './wire-dispatch.ts'

/** How we join: with the metadata and the pieces `have` lists (all when seeding), or with only its id. */
export type SwarmSource =
  | {
      readonly kind: 'seed'
      readonly metadata: Metadata
      readonly store: ChunkStore
      readonly have: Bitfield
    }
  | { readonly kind: 'download'; readonly createStore: ChunkStoreFactory }

/**
 * One swarm we take part in: its neighbours and everything said over their channels. It composes
 * the parts and dispatches between them; each fact has one writer, here or in its part: who may
 * join (Admission: proofs, refusals, the shunned), the phase and the viewer's position (Phases:
 * FetchingMetadata, then Exchanging), the choker's state (Choking), the tracker's view (Online:
 * announcing, dialling, the swarm's size), the frames' routes (WireDispatch).
 *
 * This tracks: 1. the neighbours, 2. the timers: rounds, housekeeping and stats, 3. whether we
 * are online (the keys are derived) and whether we left, 4. the swarm's transfer rates.
 */
export class Swarm {
  readonly swarmId: SwarmId
  readonly #ctx: SwarmContext
  readonly #neighbours = new Map<PeerId, Neighbour>()
  readonly #admission: Admission
  readonly #timers: Unsubscribe[] = []
  #online: Online | null = null
  readonly #phases: Phases
  readonly #choking: Choking
  readonly #wire: WireDispatch
  readonly #down: RateMeter
  readonly #up: RateMeter
  readonly #rateWindowMs: number
  #destroyed = false

  constructor(ctx: SwarmContext, swarmId: SwarmId, source: SwarmSource) {
    this.#ctx = ctx
    this.swarmId = swarmId
    const { config, clock } = ctx
    this.#rateWindowMs = Math.min(20_000, Math.max(2_000, config.rechokeIntervalMs * 2))
    this.#down = new RateMeter(clock, this.#rateWindowMs)
    this.#up = new RateMeter(clock, this.#rateWindowMs)
    const neighbours = this.#neighbours
    this.#admission = new Admission({
      ctx,
      swarmId,
      neighbours,
      close: (n, reason) => this.#close(n, reason),
      onShunned: (peer) => this.#phases.exchanging()?.downloader.discardBlocksFrom(peer),
      onAdmitted: (n, remoteHasMetadata, held) => this.#admit(n, remoteHasMetadata, held),
    })
    this.#phases = new Phases({
      ctx,
      swarmId,
      neighbours,
      down: this.#down,
      up: this.#up,
      createStore: source.kind === 'download' ? source.createStore : null,
      onBadSource: (peer, reason) => this.#admission.shun(peer, `sent bad metadata: ${reason}`),
      onBadPiece: (contributors) => this.#admission.penalise(contributors),
      onComplete: () => this.#handleComplete(),
    })
    this.#choking = new Choking({
      ctx,
      swarmId,
      neighbours,
      seeding: () => this.isComplete(),
      canServe: () => this.#phases.exchanging() !== null,
      onUnchoke: (n) => this.#phases.exchanging()?.uploader.pump(n),
      onChoke: () => this.#phases.exchanging()?.uploader.urgentGone(),
    })
    this.#wire = new WireDispatch({
      ctx,
      swarmId,
      admission: this.#admission,
      choking: this.#choking,
      phase: () => this.#phases.current,
      close: (n, reason) => this.#close(n, reason),
    })
    if (source.kind === 'seed') {
      this.#phases.enterExchange(
        source.metadata,
        encodeMetadata(source.metadata),
        source.store,
        source.have,
      )
    }
  }

  /**
   * Starts announcing (under the keys' discovery id, SPEC PL-2), dialling, choking and
   * housekeeping.
   */
  start(keys: SwarmKeys): void {
    if (this.#destroyed || this.#online !== null) {
      return
    }
    const { clock, config } = this.#ctx
    this.#online = new Online({
      ctx: this.#ctx,
      swarmId: this.swarmId,
      keys,
      neighbourCount: () => this.#neighbours.size,
      seeding: () => this.isComplete(),
      mayDial: (peer) => !this.#neighbours.has(peer) && !this.#admission.isShunned(peer),
      onChannel: (peer, channel) => this.attach(peer, channel),
    })
    this.#timers.push(
      clock.setInterval(() => this.#choking.tick(), config.rechokeIntervalMs),
      clock.setInterval(() => this.#housekeeping(), config.housekeepingIntervalMs),
      clock.setInterval(() => this.#emitStats(), config.statsIntervalMs),
    )
    this.#online.announcer.announceNow()
  }

  metadata(): Metadata | null {
    return this.#phases.exchanging()?.metadata ?? null
  }

  /** SPEC ST-3: bytes of a verified piece; a piece not verified rejects. */
  read(index: number, offset?: number, length?: number): Promise<Uint8Array> {
    const exchanging = this.#phases.exchanging()
    if (exchanging === null || !exchanging.downloader.has(index)) {
      return Promise.reject(new Error(`piece ${index} of ${this.swarmId} is not verified`))
    }
    return exchanging.store.get(index, offset, length)
  }

  isComplete(): boolean {
    return this.#phases.exchanging()?.downloader.isComplete() ?? false
  }

  /** Whether piece `index` is verified (SPEC ST-3). */
  has(index: number): boolean {
    return this.#phases.exchanging()?.downloader.has(index) ?? false
  }

  /**
   * SPEC ST-5: a viewer plays `fileIndex` and next needs `byteOffset` (null: nobody plays). The
   * pieces under and ahead of it get deadlines now and at every housekeeping tick.
   */
  setPlayback(playback: Playback | null): void {
    this.#phases.setPlayback(playback)
  }

  /** The tracker came back (maybe with a new peer id for us): announce again now. */
  reannounce(): void {
    this.#online?.announcer.announceNow()
  }

  /** The tracker told us the swarm's size (only a swarm online is known to it by name). */
  setSwarmSize(size: SwarmSize): void {
    this.#online?.setSwarmSize(size)
  }

  /** Adopts a channel, dialled or accepted; refuses it when we are full or shun the peer. */
  attach(peer: PeerId, channel: Channel): void {
    const { config, clock } = this.#ctx
    const online = this.#online
    if (
      online === null ||
      this.#destroyed ||
      this.#admission.isShunned(peer) ||
      this.#neighbours.has(peer) ||
      this.#neighbours.size >= config.maxNeighbours
    ) {
      channel.close()
      return
    }
    const neighbour = new Neighbour(peer, channel, clock, this.#rateWindowMs)
    this.#neighbours.set(peer, neighbour)
    channel.onMessage((bytes) => {
      neighbour.received()
      if (!this.#destroyed) {
        this.#wire.handleFrame(neighbour, bytes)
      }
    })
    channel.onDrain(() => this.#phases.exchanging()?.uploader.pumpAll())
    channel.onClose((reason) => this.#drop(neighbour, reason?.message ?? 'channel closed'))
    const hasMetadata = this.#phases.exchanging() !== null
    this.#admission.begin(neighbour, channel, online.keys, hasMetadata)
  }

  /** Leaves the swarm: closes every channel and timer, and the store. */
  async destroy(): Promise<void> {
    if (this.#destroyed) {
      return
    }
    this.#destroyed = true
    this.#admission.stop()
    this.#phases.stop()
    for (const cancel of this.#timers) {
      cancel()
    }
    this.#online?.stop()
    for (const neighbour of [...this.#neighbours.values()]) {
      neighbour.dispose()
      neighbour.channel.close()
    }
    this.#neighbours.clear()
    await this.#phases.exchanging()?.close()
  }

  /** SPEC PL-6: both proofs passed: the neighbour joins, then what it sent meanwhile, in order. */
  #admit(n: Neighbour, remoteHasMetadata: boolean, held: readonly WireMessage[]): void {
    n.markHandshaken(remoteHasMetadata)
    this.#ctx.emit({ type: 'peer-connected', swarmId: this.swarmId, peerId: n.peerId })
    this.#phases.current.greet(n)
    for (const message of held) {
      if (n.closed) {
        return
      }
      this.#wire.handle(n, message)
    }
  }

  #handleComplete(): void {
    this.#ctx.emit({ type: 'complete', swarmId: this.swarmId })
    // EN-4: we stay in the swarm as a seeder; the tracker should count us as one.
    this.#online?.announcer.announceNow()
  }

  #close(n: Neighbour, reason: string): void {
    // Drop first: a channel may report its close synchronously, and `reason` must win over that.
    this.#drop(n, reason)
    n.channel.close()
  }

  /** Forgets a neighbour whose channel closed: its requests go back to the pool (SPEC PP-5). */
  #drop(n: Neighbour, reason: string): void {
    if (this.#neighbours.get(n.peerId) !== n) {
      return
    }
    // Why a neighbour went is what a trace of a stalled download needs first (a dial timeout
    // under load, an idle timeout, a protocol error).
    this.#ctx.logger.debug('swarm: neighbour dropped', { peerId: n.peerId, reason })
    n.dispose()
    this.#neighbours.delete(n.peerId)
    this.#phases.current.forget(n)
    if (n.handshaken) {
      this.#ctx.emit({ type: 'peer-disconnected', swarmId: this.swarmId, peerId: n.peerId, reason })
    }
    if (!this.#destroyed) {
      this.#phases.offerMetadataSources()
      this.#online?.dialer.pump()
      this.#online?.announcer.announceEarly()
    }
  }

  #housekeeping(): void {
    this.#phases.housekeeping()
    checkLiveness(this.#neighbours, this.#ctx.clock.now(), this.#ctx.config, (n, reason) =>
      this.#close(n, reason),
    )
    this.#phases.offerMetadataSources()
    this.#online?.dialer.pump()
  }

  #emitStats(): void {
    const stats = swarmStatsOf({
      swarmId: this.swarmId,
      exchange: this.#phases.exchanging(),
      neighbours: this.#neighbours.values(),
      down: this.#down,
      up: this.#up,
      optimistic: this.#choking.optimistic,
      dials: this.#online?.dialer.account ?? null,
      refusals: this.#admission.refusals,
    })
    this.#ctx.emit({ type: 'stats', stats })
  }
}

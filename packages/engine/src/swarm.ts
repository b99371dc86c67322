import type {
  Bitfield,
  Metadata,
  PeerId,
  Strikes,
  SwarmId,
  SwarmKeys,
  Unsubscribe,
  WireMessage,
} from '@swarmdrop/protocol'
import { ProtocolError, blameBadPiece, decode, encodeMetadata } from '@swarmdrop/protocol'

import { Announcer } from './announcer.ts'
import { Choking } from './choking.ts'
import { NO_DIALS } from './dial-failures.ts'
import { Dialer } from './dialer.ts'
import type { ExchangeStats } from './exchanging.ts'
import { Exchanging } from './exchanging.ts'
import { FetchingMetadata } from './fetching-metadata.ts'
import type { SwarmStats } from './events.ts'
import type {
  AnnounceResponse,
  Channel,
  ChunkStore,
  ChunkStoreFactory,
  SwarmSize,
} from './interfaces.ts'
import { decideLiveness, idleReason } from './liveness.ts'
import type { PickerFacts } from './neighbour.ts'
import { Neighbour } from './neighbour.ts'
import type { AuthResult } from './peer-auth.ts'
import { PeerAuth } from './peer-auth.ts'
import type { Playback } from './playback.ts'
import { deadlinesOf } from './playback.ts'
import { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'

/** The exchange's part of a stats snapshot while the metadata is still being fetched. */
const NOT_EXCHANGING: ExchangeStats = {
  pieceCount: 0,
  piecesVerified: 0,
  downloadedBytes: 0,
  inEndgame: false,
  pieceStates: new Uint8Array(0),
  availability: new Uint8Array(0),
}
const NO_PICKER_FACTS: PickerFacts = { piecesHeld: 0, requestsOut: 0 }

/** How we join: with the metadata and the pieces `have` lists (all when seeding), or with only its id. */
export type SwarmSource =
  | {
      readonly kind: 'seed'
      readonly metadata: Metadata
      readonly store: ChunkStore
      readonly have: Bitfield
    }
  | { readonly kind: 'download'; readonly createStore: ChunkStoreFactory }

/** Fingerprints of a transport that has none (in-memory test doubles without certificates). */
const UNBOUND = { local: '', remote: '' } as const

/** Wrong password proofs from one peer before it is shunned (SPEC PL-5): an online guess limit. */
const WRONG_PASSWORDS_TO_SHUN = 5

/** The swarm's two phases: before the metadata, and after it (SPEC MD-*). */
type Phase = FetchingMetadata | Exchanging

/** What exists once the swarm's keys are derived (SPEC PL-2): the tracker only sees their output. */
interface Online {
  readonly keys: SwarmKeys
  readonly announcer: Announcer
  readonly dialer: Dialer
}

/**
 * One swarm we take part in: its neighbours and everything said over their channels.
 *
 * This tracks: 1. neighbours, their proof exchanges (PeerAuth, SPEC PL-6), and the peers we
 * shunned or struck, 2. the phase: fetching the metadata (FetchingMetadata) or exchanging pieces
 * with the picker and store behind them (Exchanging), 3. the round timer (Choking applies the
 * choker's decisions), 4. announcing and dialling under the discovery id, once the keys are
 * derived.
 */
export class Swarm {
  readonly swarmId: SwarmId
  readonly #ctx: SwarmContext
  readonly #neighbours = new Map<PeerId, Neighbour>()
  readonly #auths = new WeakMap<Neighbour, PeerAuth>()
  readonly #wrongPasswords = new Map<PeerId, number>()
  readonly #shunned = new Set<PeerId>()
  #strikes: Strikes = new Map()
  readonly #timers: Unsubscribe[] = []
  #online: Online | null = null
  #proofFailures = 0
  #wrongPasswordCount = 0
  #phase: Phase
  readonly #choking: Choking
  readonly #createStore: ChunkStoreFactory | null
  readonly #down: RateMeter
  readonly #up: RateMeter
  readonly #rateWindowMs: number
  #swarmSize: SwarmSize = { seeders: 0, leechers: 0 }
  #destroyed = false
  #completeEmitted = false
  /** SPEC ST-5: where a viewer of this swarm is, or null when nobody plays it. */
  #playback: Playback | null = null
  #hadPlayback = false

  constructor(ctx: SwarmContext, swarmId: SwarmId, source: SwarmSource) {
    this.#ctx = ctx
    this.swarmId = swarmId
    const { config, clock } = ctx
    this.#rateWindowMs = Math.min(20_000, Math.max(2_000, config.rechokeIntervalMs * 2))
    this.#down = new RateMeter(clock, this.#rateWindowMs)
    this.#up = new RateMeter(clock, this.#rateWindowMs)
    this.#createStore = source.kind === 'download' ? source.createStore : null
    this.#phase = new FetchingMetadata({
      ctx,
      swarmId,
      neighbours: this.#neighbours,
      onMetadata: (metadata, encoded) => this.#handleMetadata(metadata, encoded, null),
      onBadSource: (peer, reason) => this.#shun(peer, `sent bad metadata: ${reason}`),
    })
    this.#choking = new Choking({
      ctx,
      swarmId,
      neighbours: this.#neighbours,
      seeding: () => this.isComplete(),
      canServe: () => this.#phase.kind === 'exchanging',
      onUnchoke: (n) => this.#exchanging()?.uploader.pump(n),
    })
    if (source.kind === 'seed') {
      this.#handleMetadata(
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
    const ctx = this.#ctx
    const discoveryId = keys.discoveryId
    const swarmId = this.swarmId
    this.#online = {
      keys,
      announcer: new Announcer({
        discoveryId,
        tracker: ctx.tracker,
        clock,
        logger: ctx.logger,
        numWant: config.numWant,
        seeding: () => this.isComplete(),
        wantsMorePeers: () => this.#wantsMorePeers(),
        onResponse: (response) => this.#handleAnnounce(response),
        onFailure: (error) =>
          ctx.emit({ type: 'error', swarmId, code: 'ERR_TRACKER', message: error.message }),
      }),
      dialer: new Dialer({
        discoveryId,
        transport: ctx.transport,
        logger: ctx.logger,
        clock,
        maxPendingDials: config.maxPendingDials,
        hasRoom: (pending) => this.#neighbours.size + pending < config.targetNeighbours,
        mayDial: (peer) =>
          peer !== ctx.selfId() && !this.#neighbours.has(peer) && !this.#shunned.has(peer),
        onChannel: (peer, channel) => this.attach(peer, channel),
      }),
    }
    this.#timers.push(
      clock.setInterval(() => this.#choking.tick(), config.rechokeIntervalMs),
      clock.setInterval(() => this.#housekeeping(), config.housekeepingIntervalMs),
      clock.setInterval(() => this.#emitStats(), config.statsIntervalMs),
    )
    this.#online.announcer.announceNow()
  }

  metadata(): Metadata | null {
    return this.#exchanging()?.metadata ?? null
  }

  store(): ChunkStore | null {
    return this.#exchanging()?.store ?? null
  }

  isComplete(): boolean {
    return this.#exchanging()?.downloader.isComplete() ?? false
  }

  /** The exchanging phase, or null while the metadata is still being fetched. */
  #exchanging(): Exchanging | null {
    return this.#phase.kind === 'exchanging' ? this.#phase : null
  }

  /** Whether piece `index` is verified (SPEC ST-3). */
  has(index: number): boolean {
    return this.#exchanging()?.downloader.has(index) ?? false
  }

  /**
   * SPEC ST-5: a viewer plays `fileIndex` and next needs `byteOffset` (null: nobody plays). The
   * pieces under and ahead of it get deadlines now and at every housekeeping tick.
   */
  setPlayback(playback: Playback | null): void {
    this.#playback = playback
    this.#applyPlayback()
  }

  #applyPlayback(): void {
    const exchange = this.#exchanging()
    if (exchange === null || (this.#playback === null && !this.#hadPlayback)) {
      return
    }
    this.#hadPlayback = this.#playback !== null
    const rates = new Map<PeerId, number>()
    for (const n of this.#neighbours.values()) {
      rates.set(n.peerId, n.down.rate())
    }
    const { deadlines, fastPeers } = deadlinesOf(this.#playback, {
      metadata: exchange.metadata,
      pieceCount: exchange.downloader.pieceCount,
      have: (index) => exchange.downloader.has(index),
      downloadBytesPerSecond: this.#down.rate(),
      rates,
      nowMs: this.#ctx.clock.now(),
    })
    exchange.downloader.setDeadlines(deadlines, fastPeers)
  }

  /** The tracker came back (maybe with a new peer id for us): announce again now. */
  reannounce(): void {
    this.#online?.announcer.announceNow()
  }

  setSwarmSize(size: SwarmSize): void {
    this.#swarmSize = size
    this.#ctx.emit({ type: 'swarm-size', swarmId: this.swarmId, size })
  }

  /** Adopts a channel, dialled or accepted; refuses it when we are full or shun the peer. */
  attach(peer: PeerId, channel: Channel): void {
    const { config, clock } = this.#ctx
    const online = this.#online
    if (
      online === null ||
      this.#destroyed ||
      this.#shunned.has(peer) ||
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
      this.#handleFrame(neighbour, bytes)
    })
    channel.onDrain(() => this.#exchanging()?.uploader.pumpAll())
    channel.onClose((reason) => this.#drop(neighbour, reason?.message ?? 'channel closed'))
    // SPEC PL-4: a transport that can tell the fingerprints but does not is refused (fail closed).
    const fingerprints = channel.fingerprints ? channel.fingerprints() : UNBOUND
    if (fingerprints === null) {
      this.#close(neighbour, 'the channel has no DTLS fingerprints to bind the proof to')
      return
    }
    const auth = new PeerAuth({
      crypto: this.#ctx.crypto,
      keys: online.keys,
      selfId: this.#ctx.selfId() ?? 'unknown',
      fingerprints,
      send: (message) => neighbour.send(message),
      onResult: (result) => this.#handleAuthResult(neighbour, result),
      onError: (error) => this.#close(neighbour, `proof not computed: ${String(error)}`),
    })
    this.#auths.set(neighbour, auth)
    auth.start(this.#phase.kind === 'exchanging')
  }

  /** Leaves the swarm: closes every channel and timer, and the store. */
  async destroy(): Promise<void> {
    if (this.#destroyed) {
      return
    }
    this.#destroyed = true
    for (const cancel of this.#timers) {
      cancel()
    }
    this.#online?.announcer.stop()
    this.#online?.dialer.stop()
    for (const neighbour of [...this.#neighbours.values()]) {
      neighbour.dispose()
      neighbour.channel.close()
    }
    this.#neighbours.clear()
    await this.#exchanging()?.close()
  }

  #wantsMorePeers(): boolean {
    const others = this.#swarmSize.seeders + this.#swarmSize.leechers - 1
    const have = this.#neighbours.size + (this.#online?.dialer.pendingCount ?? 0)
    return have < this.#ctx.config.targetNeighbours && have < others
  }

  #handleAnnounce(response: AnnounceResponse): void {
    this.#ctx.setSelfId(response.peerId)
    this.setSwarmSize({ seeders: response.seeders, leechers: response.leechers })
    this.#online?.dialer.offer(response.peers)
  }

  #handleFrame(neighbour: Neighbour, bytes: Uint8Array): void {
    if (neighbour.closed || this.#destroyed) {
      return
    }
    // Not through #guarded: no closure per frame.
    try {
      this.#handleMessage(neighbour, decode(bytes))
    } catch (error) {
      this.#protocolError(neighbour, error)
    }
  }

  /** Runs `handle`; a ProtocolError it throws closes the neighbour's channel. */
  #guarded(neighbour: Neighbour, handle: () => void): void {
    try {
      handle()
    } catch (error) {
      this.#protocolError(neighbour, error)
    }
  }

  /** A ProtocolError (or any error) from handling a neighbour's frame closes its channel. */
  #protocolError(neighbour: Neighbour, error: unknown): void {
    const reason =
      error instanceof ProtocolError ? `${error.code}: ${error.message}` : String(error)
    this.#ctx.logger.warn('protocol error', { peer: neighbour.peerId, reason })
    this.#ctx.emit({
      type: 'error',
      swarmId: this.swarmId,
      code: 'ERR_PROTOCOL',
      message: reason,
    })
    this.#close(neighbour, `protocol error: ${reason}`)
  }

  #handleMessage(n: Neighbour, message: WireMessage): void {
    if (!n.handshaken) {
      // SPEC PL-6: until both proofs are settled only the handshake and the proof may flow.
      this.#auths.get(n)?.handle(message)
      return
    }
    switch (message.type) {
      case 'keep-alive':
        return
      case 'handshake':
      case 'proof':
        throw new ProtocolError('ERR_BAD_HANDSHAKE', `second ${message.type}`)
      case 'choke':
      case 'unchoke':
        n.setPeerChoking(message.type === 'choke')
        break
      case 'interested':
        n.setPeerInterested(true)
        this.#choking.unchokeIfSlotFree(n)
        return
      case 'not-interested':
        n.setPeerInterested(false)
        return
      case 'bitfield':
        n.markHasMetadata()
        break
      default:
        break
    }
    this.#phase.handle(n, message)
  }

  /**
   * SPEC PL-6: the proof exchange settled. Passed: the neighbour joins the swarm, and what it sent
   * meanwhile is handled in order. Failed: the channel closes before a byte of metadata, bitfield
   * or piece crossed it; a failed link proof shuns the peer at once, wrong passwords after a few.
   */
  #handleAuthResult(n: Neighbour, result: AuthResult): void {
    if (this.#destroyed) {
      return
    }
    const auth = this.#auths.get(n)
    this.#auths.delete(n)
    // SPEC PL-6: a proof that failed is refused, counted and shunned even if its sender hung up
    // while we checked it (a rival engine closes as soon as our proof fails for it); only a
    // neighbour still here can go on to the exchange.
    if (!result.ok) {
      this.#refuse(n, result.reason, result.detail)
      return
    }
    if (n.closed || this.#neighbours.get(n.peerId) !== n) {
      return
    }
    n.markHandshaken(result.remoteHasMetadata)
    this.#ctx.emit({ type: 'peer-connected', swarmId: this.swarmId, peerId: n.peerId })
    this.#phase.greet(n)
    for (const message of auth?.takeHeld() ?? []) {
      if (n.closed) {
        return
      }
      this.#guarded(n, () => this.#handleMessage(n, message))
    }
  }

  #refuse(n: Neighbour, reason: 'proof-failed' | 'wrong-password', detail: string): void {
    const peer = n.peerId
    this.#ctx.logger.warn('peer refused', { peer, reason, detail })
    this.#ctx.emit({ type: 'peer-refused', swarmId: this.swarmId, peerId: peer, reason })
    if (reason === 'proof-failed') {
      this.#proofFailures++
      this.#shun(peer, `its link proof failed (${detail})`)
      return
    }
    this.#wrongPasswordCount++
    const count = (this.#wrongPasswords.get(peer) ?? 0) + 1
    this.#wrongPasswords.set(peer, count)
    if (count >= WRONG_PASSWORDS_TO_SHUN) {
      this.#shun(peer, `${count} wrong passwords`)
    } else {
      this.#close(n, `wrong password (${detail})`)
    }
  }

  #handleMetadata(
    metadata: Metadata,
    encoded: Uint8Array,
    seedStore: ChunkStore | null,
    have: Bitfield | null = null,
  ): void {
    if (this.#phase.kind === 'exchanging' || this.#destroyed) {
      return
    }
    let store: ChunkStore
    try {
      store = seedStore ?? (this.#createStore as ChunkStoreFactory)(metadata)
    } catch (error) {
      this.#ctx.emit({
        type: 'error',
        swarmId: this.swarmId,
        code: 'ERR_STORE',
        message: String(error),
      })
      return
    }
    const ctx = this.#ctx
    const exchanging = new Exchanging({
      ctx,
      swarmId: this.swarmId,
      metadata,
      encodedMetadata: encoded,
      store,
      have,
      neighbours: this.#neighbours,
      down: this.#down,
      up: this.#up,
      onComplete: () => this.#handleComplete(),
      onBadPiece: (contributors) => this.#penalise(contributors),
    })
    this.#phase = exchanging
    ctx.emit({ type: 'metadata', swarmId: this.swarmId, metadata })
    for (const n of this.#neighbours.values()) {
      if (n.handshaken) {
        exchanging.greet(n)
      }
    }
    if (exchanging.downloader.isComplete()) {
      this.#handleComplete()
    }
  }

  #handleComplete(): void {
    if (this.#completeEmitted) {
      return
    }
    this.#completeEmitted = true
    this.#ctx.emit({ type: 'complete', swarmId: this.swarmId })
    // EN-4: we stay in the swarm as a seeder; the tracker should count us as one.
    this.#online?.announcer.announceNow()
  }

  /** SPEC EN-2: blameBadPiece decides who is shunned for a bad piece; this applies it. */
  #penalise(contributors: readonly PeerId[]): void {
    const decision = blameBadPiece(contributors, this.#strikes, this.#ctx.config.strikesToShun)
    this.#strikes = decision.strikes
    for (const { peerId, reason } of decision.shun) {
      this.#shun(peerId, reason)
    }
  }

  #shun(peer: PeerId, reason: string): void {
    if (this.#shunned.has(peer)) {
      return
    }
    this.#shunned.add(peer)
    this.#ctx.emit({ type: 'peer-shunned', swarmId: this.swarmId, peerId: peer, reason })
    const neighbour = this.#neighbours.get(peer)
    if (neighbour) {
      this.#close(neighbour, `shunned: ${reason}`)
    }
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
    n.dispose()
    this.#neighbours.delete(n.peerId)
    this.#phase.forget(n)
    if (n.handshaken) {
      this.#ctx.emit({ type: 'peer-disconnected', swarmId: this.swarmId, peerId: n.peerId, reason })
    }
    if (!this.#destroyed) {
      this.#offerMetadataSources()
      this.#online?.dialer.pump()
      this.#online?.announcer.announceEarly()
    }
  }

  #offerMetadataSources(): void {
    if (this.#phase.kind === 'fetching-metadata') {
      this.#phase.offerSources()
    }
  }

  #housekeeping(): void {
    this.#phase.housekeeping()
    this.#applyPlayback()
    this.#checkLiveness()
    this.#offerMetadataSources()
    this.#online?.dialer.pump()
  }

  /** SPEC EN-10, EN-11: keep-alives to those we are quiet with, idle neighbours dropped. */
  #checkLiveness(): void {
    const { clock, config } = this.#ctx
    const decision = decideLiveness(this.#neighbours.values(), clock.now(), config)
    for (const peer of decision.keepAlive) {
      const neighbour = this.#neighbours.get(peer)
      // SPEC PL-6: only the handshake and the proof before both proofs settle; a peer still
      // waiting for our proof takes anything else for a protocol error. A neighbour whose
      // handshake never comes is still dropped as idle below (EN-11).
      if (neighbour?.handshaken === true) {
        neighbour.send({ type: 'keep-alive' })
      }
    }
    for (const peer of decision.idle) {
      const neighbour = this.#neighbours.get(peer)
      if (neighbour) {
        this.#close(neighbour, idleReason(config.peerIdleTimeoutMs))
      }
    }
  }

  #emitStats(): void {
    const exchanging = this.#exchanging()
    const stats: SwarmStats = {
      swarmId: this.swarmId,
      ...(exchanging?.stats() ?? NOT_EXCHANGING),
      uploadedBytes: this.#up.total,
      downBps: Math.round(this.#down.recentRate()),
      upBps: Math.round(this.#up.recentRate()),
      peers: [...this.#neighbours.values()]
        .filter((n) => n.handshaken)
        .map((n) =>
          n.stats(
            n.peerId === this.#choking.optimistic,
            exchanging?.pickerFacts(n.peerId) ?? NO_PICKER_FACTS,
          ),
        ),
      ...(this.#online?.dialer.account ?? NO_DIALS),
      proofFailures: this.#proofFailures,
      wrongPasswords: this.#wrongPasswordCount,
    }
    this.#ctx.emit({ type: 'stats', stats })
  }
}

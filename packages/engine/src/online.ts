import type { PeerId, SwarmId, SwarmKeys } from '@swarmdrop/protocol'

import { Announcer } from './announcer.ts'
import { Dialer } from './dialer.ts'
import type { AnnounceResponse, Channel, SwarmSize } from './interfaces.ts'
import type { SwarmContext } from './swarm-context.ts'

export interface OnlineOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly keys: SwarmKeys
  /** How many neighbours the swarm has now. */
  readonly neighbourCount: () => number
  readonly seeding: () => boolean
  /** Whether `peer` may be dialled at all (not a neighbour, not shunned; never us). */
  readonly mayDial: (peer: PeerId) => boolean
  readonly onChannel: (peer: PeerId, channel: Channel) => void
}

/**
 * What exists once the swarm's keys are derived (SPEC PL-2), under their discovery id (all the
 * tracker sees): an Announcer that keeps the swarm announced and a Dialer that dials the peers
 * the tracker offers, both sized by the neighbour targets of EngineConfig.
 *
 * This tracks: 1. the keys, 2. the swarm's size as the tracker last told it (pushed, or in an
 * announce answer), which says whether more peers are worth asking for.
 */
export class Online {
  readonly keys: SwarmKeys
  readonly announcer: Announcer
  readonly dialer: Dialer
  readonly #o: OnlineOptions
  #size: SwarmSize = { seeders: 0, leechers: 0 }

  /** Nothing is announced until the caller says so (announcer.announceNow). */
  constructor(o: OnlineOptions) {
    this.#o = o
    const { ctx, keys, swarmId } = o
    const { clock, config } = ctx
    const discoveryId = keys.discoveryId
    this.keys = keys
    this.dialer = new Dialer({
      discoveryId,
      transport: ctx.transport,
      logger: ctx.logger,
      clock,
      maxPendingDials: config.maxPendingDials,
      hasRoom: (pending) => o.neighbourCount() + pending < config.targetNeighbours,
      mayDial: (peer) => peer !== ctx.selfId() && o.mayDial(peer),
      onChannel: o.onChannel,
    })
    this.announcer = new Announcer({
      discoveryId,
      tracker: ctx.tracker,
      clock,
      logger: ctx.logger,
      numWant: config.numWant,
      seeding: o.seeding,
      wantsMorePeers: () => this.#wantsMorePeers(),
      onResponse: (response) => this.#handleAnnounce(response),
      onFailure: (error) =>
        ctx.emit({ type: 'error', swarmId, code: 'ERR_TRACKER', message: error.message }),
    })
  }

  /** The tracker told us the swarm's size. */
  setSwarmSize(size: SwarmSize): void {
    this.#size = size
    this.#o.ctx.emit({ type: 'swarm-size', swarmId: this.#o.swarmId, size })
  }

  stop(): void {
    this.announcer.stop()
    this.dialer.stop()
  }

  #wantsMorePeers(): boolean {
    const others = this.#size.seeders + this.#size.leechers - 1
    const have = this.#o.neighbourCount() + this.dialer.pendingCount
    return have < this.#o.ctx.config.targetNeighbours && have < others
  }

  #handleAnnounce(response: AnnounceResponse): void {
    this.#o.ctx.setSelfId(response.peerId)
    this.setSwarmSize({ seeders: response.seeders, leechers: response.leechers })
    this.dialer.offer(response.peers)
  }
}

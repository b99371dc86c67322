import type { ChokerState, PeerId, SwarmId } from '@swarmdrop/protocol'
import {
  INITIAL_CHOKER_STATE,
  isOptimisticRound,
  optimisticEveryRounds,
  rechoke,
  unchokeBetweenRounds,
} from '@swarmdrop/protocol'

import type { Neighbour } from './neighbour.ts'
import type { SwarmContext } from './swarm-context.ts'

export interface ChokingOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  /** Seeding shares out its upload, downloading ranks by download rate (SPEC CK-2, CK-3). */
  readonly seeding: () => boolean
  /** Whether pieces can be served yet (we hold the metadata). */
  readonly canServe: () => boolean
  /** A neighbour was unchoked: send it what it asked for. */
  readonly onUnchoke: (n: Neighbour) => void
  /** A neighbour was choked: its queued requests, urgent ones too, are gone (SPEC ST-11). */
  readonly onChoke: (n: Neighbour) => void
}

/**
 * Applies the choker's decisions to a swarm's neighbours: the pure `rechoke` decides (SPEC
 * CK-1..CK-5), this sends choke and unchoke where a decision changes something, and reports
 * each round for the choker log.
 *
 * This tracks: 1. the choker's state between rounds (who holds the optimistic unchoke), 2. the
 * number of rounds run, which says when the optimistic unchoke rotates (SPEC CK-4).
 */
export class Choking {
  readonly #o: ChokingOptions
  #state: ChokerState = INITIAL_CHOKER_STATE
  #rounds = 0

  constructor(options: ChokingOptions) {
    this.#o = options
  }

  /** The neighbour holding the optimistic unchoke, if any. */
  get optimistic(): PeerId | null {
    return this.#state.optimistic
  }

  /**
   * SPEC CK-6: between rounds a newly interested neighbour gets a free regular slot at once, or
   * the optimistic one while nobody holds it.
   */
  unchokeIfSlotFree(n: Neighbour): void {
    if (!n.amChoking || !this.#o.canServe()) {
      return
    }
    const { uploadSlots } = this.#o.ctx.config
    const slot = unchokeBetweenRounds(
      this.#o.neighbours.values(),
      this.#state.optimistic,
      uploadSlots,
    )
    if (slot === 'optimistic') {
      // It holds the slot until the next rotation, as one the round chose would (SPEC CK-4).
      this.#state = { optimistic: n.peerId }
    }
    if (slot !== null) {
      n.setAmChoking(false)
    }
  }

  /**
   * The round timer fired (every rechokeIntervalMs, SPEC CK-1): one round, which rotates the
   * optimistic unchoke every optimisticEveryRounds rounds (SPEC CK-4).
   */
  tick(): void {
    const { rechokeIntervalMs, optimisticIntervalMs } = this.#o.ctx.config
    this.#rounds++
    const every = optimisticEveryRounds(rechokeIntervalMs, optimisticIntervalMs)
    this.#round(isOptimisticRound(this.#rounds, every))
  }

  #round(rotateOptimistic: boolean): void {
    const { ctx } = this.#o
    const ready = [...this.#o.neighbours.values()].filter((n) => n.handshaken)
    const seeding = this.#o.seeding()
    const [decision, state] = rechoke(
      {
        peers: ready.map((n) => ({
          peerId: n.peerId,
          peerInterested: n.peerInterested,
          downloadRate: n.down.rate(),
          uploadRate: n.up.rate(),
          downloaded: n.down.total,
          uploaded: n.up.total,
        })),
        seeding,
        slots: ctx.config.uploadSlots,
        rotateOptimistic,
        random: ctx.random,
        policy: ctx.config.chokingPolicy,
      },
      this.#state,
    )
    this.#state = state
    const unchoke = new Set(decision.unchoke)
    for (const n of ready) {
      const choke = !unchoke.has(n.peerId)
      // BEP 3: a choke discards the neighbour's pending requests (Neighbour.setAmChoking).
      if (n.setAmChoking(choke)) {
        if (choke) {
          this.#o.onChoke(n)
        } else {
          this.#o.onUnchoke(n)
        }
      }
    }
    ctx.emit({
      type: 'choke-round',
      round: {
        swarmId: this.#o.swarmId,
        at: ctx.clock.now(),
        optimisticRotated: rotateOptimistic,
        seeding,
        ranked: decision.ranked,
        unchoked: decision.unchoke,
        choked: decision.choke,
        optimistic: decision.optimistic,
      },
    })
  }
}

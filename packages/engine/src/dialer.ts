import type { Clock, DiscoveryId, Logger, PeerId } from '@swarmdrop/protocol'

import type { DialAccount } from './dial-failures.ts'
import { NO_DIALS, withDialFailure, withPeersOffered } from './dial-failures.ts'
import type { Channel, Transport } from './interfaces.ts'

export interface DialerOptions {
  readonly discoveryId: DiscoveryId
  readonly transport: Transport
  readonly logger: Logger
  readonly clock: Clock
  readonly maxPendingDials: number
  /** Whether another dial may start now (neighbour cap not reached). */
  readonly hasRoom: (pending: number) => boolean
  /** Whether `peer` may be dialled at all (not us, not connected, not shunned). */
  readonly mayDial: (peer: PeerId) => boolean
  readonly onChannel: (peer: PeerId, channel: Channel) => void
}

/**
 * Dials peers the tracker offered, a few at a time (SPEC TR-6): a browser tab may open only a
 * few hundred peer connections in its life, so we never dial the whole list at once.
 *
 * This tracks: 1. candidates from the latest announces, 2. dials in flight, 3. every peer ever
 * offered and the failed dials by cause (SPEC EN-12).
 */
export class Dialer {
  readonly #options: DialerOptions
  readonly #candidates = new Set<PeerId>()
  readonly #pending = new Set<PeerId>()
  readonly #offered = new Set<PeerId>()
  #account: DialAccount = NO_DIALS
  #stopped = false

  constructor(options: DialerOptions) {
    this.#options = options
  }

  /** Peers from an announce answer; they replace older candidates (the swarm moves on). */
  offer(peers: readonly PeerId[]): void {
    this.#candidates.clear()
    for (const peer of peers) {
      this.#candidates.add(peer)
      this.#offered.add(peer)
    }
    this.#account = withPeersOffered(this.#account, this.#offered.size)
    this.pump()
  }

  /** Peers offered and failed dials so far, for the stats (SPEC EN-12). */
  get account(): DialAccount {
    return this.#account
  }

  get pendingCount(): number {
    return this.#pending.size
  }

  /** Starts dials while there is room. */
  pump(): void {
    const { maxPendingDials, hasRoom, mayDial } = this.#options
    for (const peer of [...this.#candidates]) {
      if (this.#stopped || this.#pending.size >= maxPendingDials || !hasRoom(this.#pending.size)) {
        return
      }
      this.#candidates.delete(peer)
      if (mayDial(peer) && !this.#pending.has(peer)) {
        this.#dial(peer)
      }
    }
  }

  stop(): void {
    this.#stopped = true
    this.#candidates.clear()
  }

  #dial(peer: PeerId): void {
    const { transport, discoveryId, logger } = this.#options
    this.#pending.add(peer)
    transport.dial(discoveryId, peer).then(
      (channel) => {
        this.#pending.delete(peer)
        if (this.#stopped) {
          channel.close()
          return
        }
        this.#options.onChannel(peer, channel)
        this.pump()
      },
      (error: unknown) => {
        this.#pending.delete(peer)
        logger.debug('dial failed', { peer, error: String(error) })
        if (!this.#stopped) {
          this.#account = withDialFailure(this.#account, error, this.#options.clock.now())
        }
        this.pump()
      },
    )
  }
}

/**
 * Where the tracker keeps swarm membership. One interface, two homes: this process' memory (the
 * default) or Redis, shared by several tracker processes (redis-swarm-store.ts). Both are async so
 * the socket handlers cannot tell them apart.
 */
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import { type AnnounceResult, type SwarmCounts, SwarmRegistry } from '@swarmdrop/signaling'

/** An announce's answer, or why the swarm refused a newcomer (SPEC TR-13). */
export type StoreAnnounce = AnnounceResult | { readonly full: true }

/** Swarm membership as the socket handlers need it (SPEC TR-2, TR-3, TR-9, TR-13). */
export interface SwarmStore {
  /** Joins or re-announces; a newcomer to a swarm of `maxPeersPerSwarm` members is refused. */
  announce(
    peerId: PeerId,
    swarmId: DiscoveryId,
    seeding: boolean,
    numWant: number,
  ): Promise<StoreAnnounce>
  /** @returns whether the peer was a member. */
  leave(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean>
  /** @returns the swarms the peer left. */
  leaveAll(peerId: PeerId): Promise<DiscoveryId[]>
  isMember(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean>
  counts(swarmId: DiscoveryId): Promise<SwarmCounts>
  /** Swarms and memberships held by this process' own sockets, for /metrics. */
  localStats(): { readonly swarms: number; readonly peers: number }
  close(): Promise<void>
}

/** Options shared by both stores. */
export interface SwarmStoreOptions {
  readonly maxPeersPerAnnounce: number
  readonly maxPeersPerSwarm: number
}

/** The in-memory store: SwarmRegistry (pure, in signaling) plus the per-swarm cap. */
export class MemorySwarmStore implements SwarmStore {
  readonly #registry: SwarmRegistry
  readonly #maxPeersPerSwarm: number
  #memberships = 0

  constructor(options: SwarmStoreOptions) {
    // The shell may use global randomness; only the pure registry needs it injected.
    this.#registry = new SwarmRegistry({
      random: { next: Math.random },
      maxPeersPerAnnounce: options.maxPeersPerAnnounce,
    })
    this.#maxPeersPerSwarm = options.maxPeersPerSwarm
  }

  announce(
    peerId: PeerId,
    swarmId: DiscoveryId,
    seeding: boolean,
    numWant: number,
  ): Promise<StoreAnnounce> {
    const joining = !this.#registry.isMember(peerId, swarmId)
    if (joining && this.#registry.size(swarmId) >= this.#maxPeersPerSwarm) {
      return Promise.resolve({ full: true })
    }
    if (joining) {
      this.#memberships += 1
    }
    return Promise.resolve(this.#registry.announce(peerId, swarmId, seeding, numWant))
  }

  leave(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean> {
    const left = this.#registry.leave(peerId, swarmId)
    if (left) {
      this.#memberships -= 1
    }
    return Promise.resolve(left)
  }

  leaveAll(peerId: PeerId): Promise<DiscoveryId[]> {
    const left = this.#registry.leaveAll(peerId)
    this.#memberships -= left.length
    return Promise.resolve(left)
  }

  isMember(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean> {
    return Promise.resolve(this.#registry.isMember(peerId, swarmId))
  }

  counts(swarmId: DiscoveryId): Promise<SwarmCounts> {
    return Promise.resolve(this.#registry.counts(swarmId))
  }

  localStats(): { readonly swarms: number; readonly peers: number } {
    return { swarms: this.#registry.swarmCount, peers: this.#memberships }
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}

/**
 * Swarm membership as the tracker sees it (cf. bittorrent-tracker's swarm.js), with no sockets or
 * timers: the server shell feeds it joins and departures and applies what it answers.
 *
 * This tracks:
 * 1. per swarm, its members and whether each one is seeding (so counts are O(1));
 * 2. per peer, the swarms it is in, so a disconnect leaves all of them at once (SPEC TR-9).
 */
import type { DiscoveryId, PeerId, Random } from '@swarmdrop/protocol'

import { DEFAULT_MAX_PEERS_PER_ANNOUNCE } from './events.ts'

/** Seeder and leecher counts of one swarm. */
export interface SwarmCounts {
  readonly seeders: number
  readonly leechers: number
}

/** What an announce yields: a peer sample for the caller and the swarm's counts. */
export interface AnnounceResult extends SwarmCounts {
  /** A uniformly random subset of the other members (SPEC TR-3). */
  readonly peers: readonly PeerId[]
  /** True when the counts changed (a join or a seeding flip): members must be told (TR-8). */
  readonly countsChanged: boolean
}

/** What a registry is built from. */
export interface SwarmRegistryOptions {
  readonly random: Random
  /** The tracker-side cap on a peer list, whatever the client asks for (SPEC TR-3). */
  readonly maxPeersPerAnnounce?: number
}

interface Swarm {
  /** Member → seeding. */
  readonly members: Map<PeerId, boolean>
  seeders: number
}

/** Swarm membership and peer sampling for the tracker (SPEC TR-2, TR-3, TR-9). */
export class SwarmRegistry {
  readonly #random: Random
  readonly #cap: number
  readonly #swarms = new Map<DiscoveryId, Swarm>()
  readonly #swarmsOfPeer = new Map<PeerId, Set<DiscoveryId>>()

  constructor(options: SwarmRegistryOptions) {
    this.#random = options.random
    this.#cap = Math.max(
      0,
      Math.floor(options.maxPeersPerAnnounce ?? DEFAULT_MAX_PEERS_PER_ANNOUNCE),
    )
  }

  /**
   * Joins `swarmId` on the first call and re-announces after that (SPEC TR-2).
   * @param numWant peers wanted; the answer holds at most min(numWant, cap) of them.
   */
  announce(
    peerId: PeerId,
    swarmId: DiscoveryId,
    seeding: boolean,
    numWant: number,
  ): AnnounceResult {
    let swarm = this.#swarms.get(swarmId)
    if (swarm === undefined) {
      swarm = { members: new Map(), seeders: 0 }
      this.#swarms.set(swarmId, swarm)
    }
    const before = swarm.members.get(peerId)
    const countsChanged = before !== seeding
    if (countsChanged) {
      swarm.seeders += (seeding ? 1 : 0) - (before === true ? 1 : 0)
      swarm.members.set(peerId, seeding)
      this.#swarmsOf(peerId).add(swarmId)
    }
    const want = Math.min(Math.max(0, Math.floor(numWant)), this.#cap)
    return { peers: this.#sampleOthers(swarm, peerId, want), countsChanged, ...countsOf(swarm) }
  }

  /**
   * Leaves one swarm (SPEC TR-9); an emptied swarm is forgotten.
   * @returns whether the peer was a member.
   */
  leave(peerId: PeerId, swarmId: DiscoveryId): boolean {
    const swarm = this.#swarms.get(swarmId)
    const seeding = swarm?.members.get(peerId)
    if (swarm === undefined || seeding === undefined) {
      return false
    }
    swarm.members.delete(peerId)
    if (seeding) {
      swarm.seeders -= 1
    }
    if (swarm.members.size === 0) {
      this.#swarms.delete(swarmId)
    }
    const swarms = this.#swarmsOfPeer.get(peerId)
    swarms?.delete(swarmId)
    if (swarms?.size === 0) {
      this.#swarmsOfPeer.delete(peerId)
    }
    return true
  }

  /**
   * Leaves every swarm the peer is in, as on a disconnect (SPEC TR-9).
   * @returns the swarms it left.
   */
  leaveAll(peerId: PeerId): DiscoveryId[] {
    const swarms = [...(this.#swarmsOfPeer.get(peerId) ?? [])]
    for (const swarmId of swarms) {
      this.leave(peerId, swarmId)
    }
    return swarms
  }

  /** Whether the peer is a member of the swarm. */
  isMember(peerId: PeerId, swarmId: DiscoveryId): boolean {
    return this.#swarms.get(swarmId)?.members.has(peerId) ?? false
  }

  /** The number of members; 0 for a swarm nobody is in. */
  size(swarmId: DiscoveryId): number {
    return this.#swarms.get(swarmId)?.members.size ?? 0
  }

  /** Seeder and leecher counts; zeros for a swarm nobody is in. */
  counts(swarmId: DiscoveryId): SwarmCounts {
    const swarm = this.#swarms.get(swarmId)
    return swarm === undefined ? { seeders: 0, leechers: 0 } : countsOf(swarm)
  }

  /** A copy of the swarm's member list. */
  members(swarmId: DiscoveryId): PeerId[] {
    return [...(this.#swarms.get(swarmId)?.members.keys() ?? [])]
  }

  /** The number of swarms with at least one member. */
  get swarmCount(): number {
    return this.#swarms.size
  }

  #swarmsOf(peerId: PeerId): Set<DiscoveryId> {
    let swarms = this.#swarmsOfPeer.get(peerId)
    if (swarms === undefined) {
      swarms = new Set()
      this.#swarmsOfPeer.set(peerId, swarms)
    }
    return swarms
  }

  /** Partial Fisher–Yates: every `want`-subset of the other members is equally likely (TR-3). */
  #sampleOthers(swarm: Swarm, self: PeerId, want: number): PeerId[] {
    const others = [...swarm.members.keys()].filter((id) => id !== self)
    const take = Math.min(want, others.length)
    for (let i = 0; i < take; i++) {
      // min() guards a Random that ever returns 1.0 from indexing past the end.
      const j = Math.min(
        i + Math.floor(this.#random.next() * (others.length - i)),
        others.length - 1,
      )
      const picked = others[j] as PeerId
      others[j] = others[i] as PeerId
      others[i] = picked
    }
    return others.slice(0, take)
  }
}

const countsOf = (swarm: Swarm): SwarmCounts => ({
  seeders: swarm.seeders,
  leechers: swarm.members.size - swarm.seeders,
})

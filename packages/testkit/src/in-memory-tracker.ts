import type { AnnounceResponse, SwarmSize, TrackerClient, TrackerStatus } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId, Random, Unsubscribe } from '@swarmdrop/protocol'
import { SwarmRegistry } from '@swarmdrop/signaling'

export interface InMemoryTrackerOptions {
  readonly random: Random
  /** Re-announce interval handed to clients. */
  readonly intervalMs?: number
  /** Most peers in one answer (SPEC TR-3). */
  readonly maxPeers?: number
}

interface Client {
  readonly peerId: PeerId
  readonly size: Set<(discoveryId: DiscoveryId, size: SwarmSize) => void>
  readonly status: Set<(status: TrackerStatus) => void>
}

/**
 * The real tracker's SwarmRegistry (SPEC TR-2, TR-3, TR-8, TR-9) without sockets, for engine
 * tests: one object answers every node's announces, and can be taken offline to test back-off.
 */
export class InMemoryTracker {
  readonly #intervalMs: number
  readonly #registry: SwarmRegistry
  readonly #clients = new Map<PeerId, Client>()
  #online = true

  constructor(options: InMemoryTrackerOptions) {
    this.#intervalMs = options.intervalMs ?? 30_000
    this.#registry = new SwarmRegistry({
      random: options.random,
      ...(options.maxPeers === undefined ? {} : { maxPeersPerAnnounce: options.maxPeers }),
    })
  }

  /** The TrackerClient of node `peerId` (ids are assigned by the test, as the server would). */
  client(peerId: PeerId): TrackerClient {
    const client: Client = { peerId, size: new Set(), status: new Set() }
    this.#clients.set(peerId, client)
    return {
      announce: async (request) => {
        if (!this.#online) {
          throw new Error('tracker unreachable')
        }
        return this.#announce(peerId, request.discoveryId, request.seeding, request.numWant)
      },
      leave: (discoveryId) => {
        if (this.#registry.leave(peerId, discoveryId)) {
          this.#broadcastSize(discoveryId)
        }
      },
      onSwarmSize: (callback) => subscribe(client.size, callback),
      onStatus: (callback) => subscribe(client.status, callback),
    }
  }

  /** Members of a swarm, for assertions. */
  members(discoveryId: DiscoveryId): PeerId[] {
    return this.#registry.members(discoveryId)
  }

  /** A node vanished (its socket closed): it leaves every swarm at once (SPEC TR-9). */
  disconnect(peerId: PeerId): void {
    for (const discoveryId of this.#registry.leaveAll(peerId)) {
      this.#broadcastSize(discoveryId)
    }
    this.#clients.delete(peerId)
  }

  /** Takes the tracker down or brings it back; clients see their status change. */
  setOnline(online: boolean): void {
    this.#online = online
    for (const client of this.#clients.values()) {
      for (const callback of client.status) {
        callback(online ? 'connected' : 'reconnecting')
      }
    }
  }

  #announce(
    peerId: PeerId,
    discoveryId: DiscoveryId,
    seeding: boolean,
    numWant: number,
  ): AnnounceResponse {
    const result = this.#registry.announce(peerId, discoveryId, seeding, numWant)
    if (result.countsChanged) {
      this.#broadcastSize(discoveryId)
    }
    const { peers, seeders, leechers } = result
    return { peerId, peers, seeders, leechers, intervalMs: this.#intervalMs }
  }

  #broadcastSize(discoveryId: DiscoveryId): void {
    const size = this.#registry.counts(discoveryId)
    for (const member of this.#registry.members(discoveryId)) {
      for (const callback of this.#clients.get(member)?.size ?? []) {
        callback(discoveryId, { seeders: size.seeders, leechers: size.leechers })
      }
    }
  }
}

function subscribe<T>(set: Set<T>, value: T): Unsubscribe {
  set.add(value)
  return () => {
    set.delete(value)
  }
}

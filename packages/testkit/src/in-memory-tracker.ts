import type { AnnounceResponse, SwarmSize, TrackerClient, TrackerStatus } from '@swarmdrop/engine'
import type { PeerId, Random, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
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
  readonly size: Set<(swarmId: SwarmId, size: SwarmSize) => void>
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
        return this.#announce(peerId, request.swarmId, request.seeding, request.numWant)
      },
      leave: (swarmId) => {
        if (this.#registry.leave(peerId, swarmId)) {
          this.#broadcastSize(swarmId)
        }
      },
      onSwarmSize: (callback) => subscribe(client.size, callback),
      onStatus: (callback) => subscribe(client.status, callback),
    }
  }

  /** Members of a swarm, for assertions. */
  members(swarmId: SwarmId): PeerId[] {
    return this.#registry.members(swarmId)
  }

  /** A node vanished (its socket closed): it leaves every swarm at once (SPEC TR-9). */
  disconnect(peerId: PeerId): void {
    for (const swarmId of this.#registry.leaveAll(peerId)) {
      this.#broadcastSize(swarmId)
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

  #announce(peerId: PeerId, swarmId: SwarmId, seeding: boolean, numWant: number): AnnounceResponse {
    const result = this.#registry.announce(peerId, swarmId, seeding, numWant)
    if (result.countsChanged) {
      this.#broadcastSize(swarmId)
    }
    const { peers, seeders, leechers } = result
    return { peerId, peers, seeders, leechers, intervalMs: this.#intervalMs }
  }

  #broadcastSize(swarmId: SwarmId): void {
    const size = this.#registry.counts(swarmId)
    for (const member of this.#registry.members(swarmId)) {
      for (const callback of this.#clients.get(member)?.size ?? []) {
        callback(swarmId, { seeders: size.seeders, leechers: size.leechers })
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

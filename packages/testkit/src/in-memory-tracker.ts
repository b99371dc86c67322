import type { AnnounceResponse, SwarmSize, TrackerClient, TrackerStatus } from '@swarmdrop/engine'
import type { PeerId, Random, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
import { shuffled } from '@swarmdrop/protocol'

export interface InMemoryTrackerOptions {
  readonly random: Random
  /** Re-announce interval handed to clients. */
  readonly intervalMs?: number
  /** Most peers in one answer (SPEC TR-3). */
  readonly maxPeers?: number
}

interface Member {
  seeding: boolean
}

interface Client {
  readonly peerId: PeerId
  readonly size: Set<(swarmId: SwarmId, size: SwarmSize) => void>
  readonly status: Set<(status: TrackerStatus) => void>
}

/**
 * The tracker's behaviour (SPEC TR-2, TR-3, TR-8, TR-9) without sockets, for engine tests: one
 * object answers every node's announces, and can be taken offline to test back-off.
 */
export class InMemoryTracker {
  readonly #random: Random
  readonly #intervalMs: number
  readonly #maxPeers: number
  readonly #swarms = new Map<SwarmId, Map<PeerId, Member>>()
  readonly #clients = new Map<PeerId, Client>()
  #online = true
  announces = 0

  constructor(options: InMemoryTrackerOptions) {
    this.#random = options.random
    this.#intervalMs = options.intervalMs ?? 30_000
    this.#maxPeers = options.maxPeers ?? 30
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
        this.#leave(peerId, swarmId)
      },
      onSwarmSize: (callback) => subscribe(client.size, callback),
      onStatus: (callback) => subscribe(client.status, callback),
    }
  }

  /** Members of a swarm, for assertions. */
  members(swarmId: SwarmId): PeerId[] {
    return [...(this.#swarms.get(swarmId)?.keys() ?? [])]
  }

  /** A node vanished (its socket closed): it leaves every swarm at once (SPEC TR-9). */
  disconnect(peerId: PeerId): void {
    for (const swarmId of [...this.#swarms.keys()]) {
      this.#leave(peerId, swarmId)
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
    this.announces++
    let swarm = this.#swarms.get(swarmId)
    if (!swarm) {
      swarm = new Map()
      this.#swarms.set(swarmId, swarm)
    }
    const before = swarm.get(peerId)
    swarm.set(peerId, { seeding })
    const others = [...swarm.keys()].filter((id) => id !== peerId)
    const peers = shuffled(others, this.#random).slice(0, Math.min(numWant, this.#maxPeers))
    const size = sizeOf(swarm)
    if (before?.seeding !== seeding) {
      this.#broadcastSize(swarmId)
    }
    return { peerId, peers, ...size, intervalMs: this.#intervalMs }
  }

  #leave(peerId: PeerId, swarmId: SwarmId): void {
    const swarm = this.#swarms.get(swarmId)
    if (!swarm?.delete(peerId)) {
      return
    }
    if (swarm.size === 0) {
      this.#swarms.delete(swarmId)
      return
    }
    this.#broadcastSize(swarmId)
  }

  #broadcastSize(swarmId: SwarmId): void {
    const swarm = this.#swarms.get(swarmId)
    if (!swarm) {
      return
    }
    const size = sizeOf(swarm)
    for (const member of swarm.keys()) {
      for (const callback of this.#clients.get(member)?.size ?? []) {
        callback(swarmId, size)
      }
    }
  }
}

function sizeOf(swarm: Map<PeerId, Member>): SwarmSize {
  let seeders = 0
  for (const member of swarm.values()) {
    if (member.seeding) {
      seeders++
    }
  }
  return { seeders, leechers: swarm.size - seeders }
}

function subscribe<T>(set: Set<T>, value: T): Unsubscribe {
  set.add(value)
  return () => {
    set.delete(value)
  }
}

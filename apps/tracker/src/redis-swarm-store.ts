/**
 * Swarm membership in Redis, shared by every tracker process that points at the same server
 * (SPEC TR-16).
 *
 * Per swarm, two sorted sets: its members and its seeders, each scored by the time the membership
 * expires. A process refreshes its own sockets' scores every third of the TTL, so the members of a
 * process that crashed drop out within one TTL instead of lingering; every read first purges
 * expired scores. Redis deletes a sorted set when its last member goes, so no empty swarm lingers.
 *
 * This tracks (in this process): the swarms each local peer is in, for the heartbeat, for
 * leaveAll on a disconnect and for /metrics.
 */
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import type { SwarmCounts } from '@swarmdrop/signaling'
import type { Redis } from 'ioredis'

import type { StoreAnnounce, SwarmStore, SwarmStoreOptions } from './swarm-store.ts'

/** A membership not refreshed for this long is gone: three missed heartbeats. */
export const DEFAULT_MEMBERSHIP_TTL_MS = 60_000

const KEY_PREFIX = 'swarmdrop:swarm:'
/** The sorted set of a swarm's members, scored by expiry (exported for tests). */
export const membersKey = (swarmId: DiscoveryId): string => `${KEY_PREFIX}${swarmId}:peers`
const seedersKey = (swarmId: DiscoveryId): string => `${KEY_PREFIX}${swarmId}:seeders`

/**
 * Atomic so the per-swarm cap holds across processes.
 * KEYS: members, seeders. ARGV: peer, seeding (1/0), now, expiresAt, maxPeersPerSwarm, sampleSize.
 * Returns {-1} when full, else {countsChanged, seeders, members, sample}.
 */
const ANNOUNCE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
local was = redis.call('ZSCORE', KEYS[1], ARGV[1])
local wasSeeding = redis.call('ZSCORE', KEYS[2], ARGV[1]) ~= false
local seeding = ARGV[2] == '1'
if not was and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then
  return {-1}
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
if seeding then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
local changed = 0
if (not was) or (wasSeeding ~= seeding) then changed = 1 end
local sample = {}
if tonumber(ARGV[6]) > 0 then
  sample = redis.call('ZRANDMEMBER', KEYS[1], tonumber(ARGV[6]))
end
return {changed, redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[1]), sample}
`

/** Options of {@link RedisSwarmStore}. */
export interface RedisSwarmStoreOptions extends SwarmStoreOptions {
  /** A connected client this store may use for commands (not the adapter's subscriber). */
  readonly redis: Redis
  readonly membershipTtlMs?: number
}

/** SwarmStore over Redis sorted sets (SPEC TR-16). */
export class RedisSwarmStore implements SwarmStore {
  readonly #redis: Redis
  readonly #ttlMs: number
  readonly #maxPeersPerAnnounce: number
  readonly #maxPeersPerSwarm: number
  readonly #local = new Map<PeerId, Set<DiscoveryId>>()
  readonly #heartbeat: NodeJS.Timeout

  constructor(options: RedisSwarmStoreOptions) {
    this.#redis = options.redis
    this.#ttlMs = options.membershipTtlMs ?? DEFAULT_MEMBERSHIP_TTL_MS
    this.#maxPeersPerAnnounce = options.maxPeersPerAnnounce
    this.#maxPeersPerSwarm = options.maxPeersPerSwarm
    this.#heartbeat = setInterval(() => void this.#refresh().catch(() => {}), this.#ttlMs / 3)
    this.#heartbeat.unref()
  }

  async announce(
    peerId: PeerId,
    swarmId: DiscoveryId,
    seeding: boolean,
    numWant: number,
  ): Promise<StoreAnnounce> {
    const now = Date.now()
    const want = Math.min(Math.max(0, Math.floor(numWant)), this.#maxPeersPerAnnounce)
    // One extra, since the sample may hold the requester itself (SPEC TR-3).
    const reply = (await this.#redis.eval(
      ANNOUNCE_SCRIPT,
      2,
      membersKey(swarmId),
      seedersKey(swarmId),
      peerId,
      seeding ? '1' : '0',
      now,
      now + this.#ttlMs,
      this.#maxPeersPerSwarm,
      want === 0 ? 0 : want + 1,
    )) as [number, number?, number?, string[]?]
    if (reply[0] === -1) {
      return { full: true }
    }
    const [changed, seeders = 0, members = 0, sample = []] = reply
    let swarms = this.#local.get(peerId)
    if (swarms === undefined) {
      swarms = new Set()
      this.#local.set(peerId, swarms)
    }
    swarms.add(swarmId)
    return {
      peers: (sample as PeerId[]).filter((id) => id !== peerId).slice(0, want),
      countsChanged: changed === 1,
      seeders,
      leechers: members - seeders,
    }
  }

  async leave(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean> {
    const swarms = this.#local.get(peerId)
    swarms?.delete(swarmId)
    if (swarms?.size === 0) {
      this.#local.delete(peerId)
    }
    const results = await this.#redis
      .multi()
      .zrem(membersKey(swarmId), peerId)
      .zrem(seedersKey(swarmId), peerId)
      .exec()
    return results?.[0]?.[1] === 1
  }

  async leaveAll(peerId: PeerId): Promise<DiscoveryId[]> {
    const swarms = [...(this.#local.get(peerId) ?? [])]
    this.#local.delete(peerId)
    if (swarms.length > 0) {
      const multi = this.#redis.multi()
      for (const swarmId of swarms) {
        multi.zrem(membersKey(swarmId), peerId).zrem(seedersKey(swarmId), peerId)
      }
      await multi.exec()
    }
    return swarms
  }

  async isMember(peerId: PeerId, swarmId: DiscoveryId): Promise<boolean> {
    const score = await this.#redis.zscore(membersKey(swarmId), peerId)
    return score !== null && Number(score) > Date.now()
  }

  async counts(swarmId: DiscoveryId): Promise<SwarmCounts> {
    const now = Date.now()
    const results = await this.#redis
      .multi()
      .zremrangebyscore(membersKey(swarmId), '-inf', now)
      .zremrangebyscore(seedersKey(swarmId), '-inf', now)
      .zcard(membersKey(swarmId))
      .zcard(seedersKey(swarmId))
      .exec()
    const members = Number(results?.[2]?.[1] ?? 0)
    const seeders = Number(results?.[3]?.[1] ?? 0)
    return { seeders, leechers: members - seeders }
  }

  localStats(): { readonly swarms: number; readonly peers: number } {
    const swarms = new Set<DiscoveryId>()
    let peers = 0
    for (const of of this.#local.values()) {
      peers += of.size
      for (const swarmId of of) {
        swarms.add(swarmId)
      }
    }
    return { swarms: swarms.size, peers }
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat)
    // Our sockets are gone with this process; take them out now rather than after the TTL.
    await Promise.all([...this.#local.keys()].map((peerId) => this.leaveAll(peerId)))
  }

  /** Pushes our own memberships' expiry forward; XX never resurrects one that was removed. */
  async #refresh(): Promise<void> {
    if (this.#local.size === 0) {
      return
    }
    const expiresAt = Date.now() + this.#ttlMs
    const pipeline = this.#redis.pipeline()
    for (const [peerId, swarms] of this.#local) {
      for (const swarmId of swarms) {
        pipeline.zadd(membersKey(swarmId), 'XX', expiresAt, peerId)
        pipeline.zadd(seedersKey(swarmId), 'XX', expiresAt, peerId)
      }
    }
    await pipeline.exec()
  }
}

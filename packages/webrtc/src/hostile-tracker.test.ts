/**
 * SPEC PL-7: a hostile tracker. The real tracker (in memory, and over a real redis-server when
 * one is installed) records every event it receives and sends and, with Redis, every key. Then
 * it tries each value it saw as a swarm id and as a link: to announce, handshake and fetch the
 * metadata and pieces from a real seeder over real WebRTC. It gets nothing, and the file's name,
 * the swarm id and the link appear nowhere in what it recorded.
 */
import * as wrtc from '@roamhq/wrtc'
import type { Engine, EngineEvent, TrackerClient, Transport } from '@swarmdrop/engine'
import { createEngine } from '@swarmdrop/engine'
import type { DiscoveryId, SwarmId } from '@swarmdrop/protocol'
import { discoveryIdOf, shareFragmentOf } from '@swarmdrop/protocol'
import { MemoryChunkStore, SeededRandom, describeBytes } from '@swarmdrop/testkit'
import type { RedisProcess, TrackerServer } from '@swarmdrop/tracker'
import { createTrackerServer, findRedisServer, startRedis } from '@swarmdrop/tracker'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'

import { createWebRtcEngine } from './create-webrtc-engine.ts'
import { mathRandom, systemClock, webCryptoHasher, webCryptoSwarmCrypto } from './runtime.ts'
import { createSocketTracker } from './socket-tracker.ts'
import { until } from './test-support.ts'
import { createWebRtcTransport } from './webrtc-transport.ts'

const FILE_NAME = 'merger-plan-confidential.pdf'
const FAST = { rechokeIntervalMs: 1_000, optimisticIntervalMs: 2_000, requestTimeoutMs: 3_000 }
const redisServer = findRedisServer()

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  // Peers first (@roamhq/wrtc can crash at exit with connections open), then the tracker.
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

/** Everything stored in Redis, keys and values, as text. */
async function redisDump(url: string): Promise<string> {
  const redis = new Redis(url)
  try {
    const out: string[] = []
    for (const key of await redis.keys('*')) {
      const type = await redis.type(key)
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'set'
            ? await redis.smembers(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1', 'WITHSCORES')
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : type
      out.push(key, JSON.stringify(value))
    }
    return out.join('\n')
  } finally {
    redis.disconnect()
  }
}

/**
 * An engine whose tracker and transport swap its own discovery id for `target`: it announces
 * and dials in the seeder's swarm, but proves with keys derived from the value it guessed.
 */
function impostor(
  url: string,
  own: DiscoveryId,
  target: DiscoveryId,
): { engine: Engine; destroy: () => Promise<void> } {
  const signals = createSocketTracker({ url })
  const transport = createWebRtcTransport({ signals, wrtc })
  const swap = (id: DiscoveryId): DiscoveryId => (id === own ? target : id)
  const back = (id: DiscoveryId): DiscoveryId => (id === target ? own : id)
  const tracker: TrackerClient = {
    announce: (request) => signals.announce({ ...request, discoveryId: swap(request.discoveryId) }),
    leave: (id) => signals.leave(swap(id)),
    onSwarmSize: (callback) => signals.onSwarmSize((id, size) => callback(back(id), size)),
    onStatus: (callback) => signals.onStatus(callback),
  }
  const swapped: Transport = {
    dial: (id, peer) => transport.dial(swap(id), peer),
    onIncoming: (callback) =>
      transport.onIncoming((id, peer, channel) => callback(back(id), peer, channel)),
  }
  const engine = createEngine({
    clock: systemClock,
    random: mathRandom,
    hasher: webCryptoHasher,
    crypto: webCryptoSwarmCrypto,
    transport: swapped,
    tracker,
    config: FAST,
  })
  return {
    engine,
    destroy: async () => {
      const leaving = engine.destroy()
      transport.destroy()
      signals.close()
      await leaving
    },
  }
}

describe.each([
  ['in memory', false],
  ['over Redis', true],
])('a hostile tracker (%s) (SPEC PL-7)', (_mode, withRedis) => {
  it.skipIf(withRedis && redisServer === undefined)(
    '[PL-7] learns nothing it can use: every recorded value fails as a swarm id and as a link',
    { timeout: 240_000 },
    async () => {
      let redis: RedisProcess | null = null
      if (withRedis) {
        redis = await startRedis(redisServer as string)
        const started = redis
        cleanups.push(() => started.stop())
      }
      const recorded: string[] = []
      const server: TrackerServer = await createTrackerServer({
        port: 0,
        host: '127.0.0.1',
        ...(redis === null ? {} : { redisUrl: redis.url }),
        onTraffic: (direction, event, args) =>
          recorded.push(JSON.stringify([direction, event, args])),
      })
      cleanups.push(() => server.close())

      const data = new SeededRandom(9).bytes(300_000)
      const salt = new SeededRandom(10).bytes(16)
      const { metadata, swarmId } = await describeBytes(data, { name: FILE_NAME })
      const salted = { ...metadata, salt }
      const seeder = createWebRtcEngine({ trackerUrl: server.url, wrtc, config: FAST })
      cleanups.push(() => seeder.destroy())
      const seederEvents: EngineEvent[] = []
      seeder.engine.onEvent((event) => seederEvents.push(event))
      const handle = await seeder.engine.seed(salted, MemoryChunkStore.fromBytes(salted, data))
      const realSwarmId = handle.swarmId
      expect(realSwarmId).not.toBe(swarmId)
      // An honest downloader, so offers, answers and candidates cross the tracker too.
      const honest = createWebRtcEngine({ trackerUrl: server.url, wrtc, config: FAST })
      cleanups.push(() => honest.destroy())
      honest.engine.onEvent((event) => seederEvents.push(event))
      honest.engine.download(realSwarmId, (m) => new MemoryChunkStore(m))
      expect(
        await until(() => honest.engine.swarm(realSwarmId)?.isComplete() === true, 30_000),
      ).toBe(true)

      const everything = [...recorded, redis === null ? '' : await redisDump(redis.url)].join('\n')
      const link = shareFragmentOf({ swarmId: realSwarmId, passwordRequired: false })
      expect(everything).toContain('"announce"')
      expect(everything).toContain('"signal"')
      expect(everything).not.toContain(FILE_NAME)
      expect(everything).not.toContain(realSwarmId)
      expect(everything).not.toContain(link.slice(3))
      const discoveryId = await discoveryIdOf(realSwarmId, webCryptoSwarmCrypto)
      expect(everything).toContain(discoveryId)

      // Every value it saw that could be a swarm id (64 hex) or a link key (43 base64url).
      const candidates = new Set<SwarmId>()
      for (const hex of everything.match(/[0-9a-f]{64}/g) ?? []) {
        candidates.add(hex as SwarmId)
      }
      for (const key of everything.match(/[A-Za-z0-9_-]{43}/g) ?? []) {
        const bytes = Buffer.from(key, 'base64url')
        if (bytes.length === 32) {
          candidates.add(bytes.toString('hex') as SwarmId)
        }
      }
      expect(candidates.has(discoveryId as unknown as SwarmId)).toBe(true)
      for (const candidate of candidates) {
        // As a swarm id, or a link to it: its own discovery id names no swarm of the seeder's.
        const plain = createWebRtcEngine({ trackerUrl: server.url, wrtc, config: FAST })
        plain.engine.download(candidate, (m) => new MemoryChunkStore(m))
        // Passed off as the seeder's swarm: it reaches the swarm's peers (the seeder and the
        // honest downloader, whose events are recorded together), and its proof fails.
        const own = await discoveryIdOf(candidate, webCryptoSwarmCrypto)
        const fake = impostor(server.url, own, discoveryId)
        const fakeEvents: EngineEvent[] = []
        fake.engine.onEvent((event) => fakeEvents.push(event))
        const refusedBefore = seederEvents.filter((e) => e.type === 'peer-refused').length
        fake.engine.download(candidate, (m) => new MemoryChunkStore(m))
        expect(
          await until(
            () => seederEvents.filter((e) => e.type === 'peer-refused').length > refusedBefore,
            60_000,
          ),
        ).toBe(true)
        for (const peer of [plain.engine, fake.engine]) {
          expect(peer.swarm(candidate)?.metadata() ?? null).toBeNull()
        }
        expect(fakeEvents.some((e) => e.type === 'metadata' || e.type === 'peer-connected')).toBe(
          false,
        )
        const refusal = seederEvents.filter((e) => e.type === 'peer-refused').at(-1)
        expect(refusal?.type === 'peer-refused' && refusal.reason).toBe('proof-failed')
        // Gone before the next value is tried, so each attempt meets the swarm as it was.
        await fake.destroy()
        await plain.destroy()
      }
    },
  )
})

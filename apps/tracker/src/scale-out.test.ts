/**
 * SPEC TR-16: two tracker processes sharing one real redis-server. Peers connected to different
 * processes find each other in announces, exchange signals across processes, hear swarm sizes,
 * and a crashed process' peers expire instead of lingering.
 */
import type { PeerId } from '@swarmdrop/protocol'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nodeHmacSha1 } from './hmac.ts'
import { iceSettingsFromEnv } from './ice-settings.ts'
import { type RedisProcess, findRedisServer, startRedis } from './redis-process.ts'
import { membersKey } from './redis-swarm-store.ts'
import { type TestWorld, announce, signal, startWorld, swarm } from './test-support.ts'

const X = swarm('c')
const Y = swarm('d')
const executable = findRedisServer()
if (executable === undefined) {
  console.warn(
    'scale-out tests SKIPPED: no redis-server found (apt-get install redis-server, or set REDIS_SERVER)',
  )
}

describe.skipIf(executable === undefined)('tracker scale-out over Redis', () => {
  let redis: RedisProcess
  const worlds: TestWorld[] = []
  const tracker = async (options: Parameters<typeof startWorld>[0] = {}): Promise<TestWorld> => {
    const world = await startWorld({ redisUrl: redis.url, ...options })
    worlds.push(world)
    return world
  }
  beforeAll(async () => {
    redis = await startRedis(executable as string)
  })
  afterAll(async () => {
    await Promise.all(worlds.map((world) => world.close()))
    await redis.stop()
  })

  it('[TR-16] peers on two processes discover each other and exchange signals', async () => {
    const one = await tracker()
    const two = await tracker()
    const alice = await one.connect()
    const bob = await two.connect()
    const aliceId = await alice.announce(X, { seeding: true })
    const ack = await announce(bob.socket, { swarmId: X, seeding: false, numWant: 10 })
    expect(ack).toMatchObject({ ok: true, peers: [aliceId], seeders: 1, leechers: 1 })
    const bobId = ack.ok ? ack.peerId : ('' as PeerId)
    // TR-8 across processes: Alice, on the other process, hears Bob's arrival.
    await expect.poll(async () => (await alice.sizes.next()).leechers).toBe(1)

    const offer = { type: 'offer', sdp: 'v=0\r\n' }
    expect(
      await signal(alice.socket, { swarmId: X, to: bobId, data: offer, from: 'forged' }),
    ).toEqual({ ok: true })
    expect(await bob.signals.next()).toEqual({ swarmId: X, from: aliceId, data: offer })
    expect(await signal(bob.socket, { swarmId: X, to: aliceId, data: 'answer' })).toEqual({
      ok: true,
    })
    expect(await alice.signals.next()).toEqual({ swarmId: X, from: bobId, data: 'answer' })

    // TR-5 across processes: no reaching a peer of another swarm.
    const mallory = await two.connect()
    await mallory.announce(Y)
    expect(await signal(mallory.socket, { swarmId: Y, to: aliceId, data: 'x' })).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_PEER',
    })

    // TR-9: a disconnect on one process is seen by the other.
    alice.close()
    await expect
      .poll(async () => {
        const again = await announce(bob.socket, { swarmId: X, seeding: false, numWant: 10 })
        return again.ok ? again.peers.length + again.seeders : -1
      })
      .toBe(0)
  })

  it('[IC-1] every process mints TURN credentials from the shared secret on its own', async () => {
    const ice = iceSettingsFromEnv({
      STUN_URLS: '',
      TURN_URLS: 'turn:turn.example.org',
      TURN_SECRET: 'shared',
    })
    const one = await tracker({ ice })
    const two = await tracker({ ice })
    for (const world of [one, two]) {
      const client = await world.connect()
      const config = await client.iceConfigs.next()
      const peerId = await client.announce(X)
      const turn = config.iceServers[0]
      expect(turn?.username).toMatch(new RegExp(`^\\d+:${peerId}$`))
      expect(turn?.credential).toBe(nodeHmacSha1('shared', turn?.username ?? ''))
      client.close()
    }
  })

  it('[TR-16] the per-swarm cap holds across processes', async () => {
    const one = await tracker({ limits: { maxPeersPerSwarm: 2 } })
    const two = await tracker({ limits: { maxPeersPerSwarm: 2 } })
    const S = swarm('9')
    await (await one.connect()).announce(S)
    await (await two.connect()).announce(S)
    const third = await one.connect()
    expect(await announce(third.socket, { swarmId: S, seeding: false, numWant: 1 })).toMatchObject({
      ok: false,
      code: 'ERR_SWARM_FULL',
    })
  })

  it('[TR-16] a crashed process’ peers expire: nobody refreshes their membership', async () => {
    const survivor = await tracker()
    const S = swarm('8')
    // What a crashed process leaves behind: a membership whose heartbeat has stopped.
    const ghost = 'ghost-of-a-crashed-process' as PeerId
    const direct = new Redis(redis.url)
    await direct.zadd(membersKey(S), Date.now() + 500, ghost)
    await direct.quit()
    const carol = await survivor.connect()
    const first = await announce(carol.socket, { swarmId: S, seeding: false, numWant: 10 })
    expect(first).toMatchObject({ ok: true, peers: [ghost] })
    await expect
      .poll(
        async () => {
          const ack = await announce(carol.socket, { swarmId: S, seeding: false, numWant: 10 })
          return ack.ok ? [ack.peers, ack.leechers] : null
        },
        { timeout: 5_000 },
      )
      .toEqual([[], 1])
  })
})

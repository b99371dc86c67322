import type { SwarmId } from '@swarmdrop/protocol'
import {
  FAST_TEST_CONFIG,
  MemoryChunkStore,
  SeededRandom,
  readAll,
  seedBytes,
  sha256Hex,
} from '@swarmdrop/testkit'
import type { TestPeer } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import type { EngineEvent } from './events.ts'
import { swarmPerTest } from './test-support.ts'

const MiB = 1024 * 1024
/** 64 pieces of a MiB, so "half way" is a piece count. */
const PIECE_BYTES = 16 * 1024
const newSwarm = swarmPerTest()

const complete = (peer: TestPeer, swarmId: SwarmId): boolean =>
  peer.engine.swarm(swarmId)?.isComplete() ?? false

const disconnects = (peer: TestPeer) =>
  peer.events.filter(
    (e): e is Extract<EngineEvent, { type: 'peer-disconnected' }> => e.type === 'peer-disconnected',
  )

const verified = (peer: TestPeer): number =>
  peer.events.filter((e) => e.type === 'piece-verified').length

describe('liveness: keep-alives and the idle timeout', () => {
  it('[EN-10] two neighbours with nothing to say stay connected on keep-alives alone', async () => {
    const data = new SeededRandom(2).bytes(64 * 1024)
    for (const keepAliveIntervalMs of [5_000, 0]) {
      const swarm = newSwarm({ seed: 2, config: { ...FAST_TEST_CONFIG, keepAliveIntervalMs } })
      const a = swarm.addPeer()
      const b = swarm.addPeer()
      await seedBytes(a, data)
      await seedBytes(b, data)
      // Two seeders: after the bitfields neither has a reason to send anything.
      await swarm.clock.advance(60_000)
      // Without keep-alives the idle timeout would (rightly) drop the silent pair: the control.
      expect(disconnects(a).length > 0).toBe(keepAliveIntervalMs === 0)
      await swarm.destroy()
    }
  })

  it('[EN-11][PP-5] a neighbour gone silent mid-piece is dropped after the idle timeout, and costs only its requests', async () => {
    const swarm = newSwarm({ seed: 5, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(4).bytes(1 * MiB)
    const first = swarm.addPeer({ uploadBps: 128 * 1024 })
    const { swarmId } = await seedBytes(first, data, undefined, PIECE_BYTES)
    const second = swarm.addPeer({ uploadBps: 128 * 1024 })
    await seedBytes(second, data, undefined, PIECE_BYTES)
    const leecher = swarm.addPeer()
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await swarm.clock.runUntil(() => verified(leecher) > 8, 60_000)
    // The link dies without a close: no channel event tells the leecher (a frozen or closed tab).
    const silencedAt = swarm.clock.now()
    swarm.network.silence(second.peerId)
    await swarm.clock.runUntil(() => disconnects(leecher).length > 0, 60_000)
    const [drop] = disconnects(leecher)
    expect(drop?.peerId).toBe(second.peerId)
    expect(drop?.reason).toBe('idle: nothing received for 20 s')
    const after = swarm.clock.now() - silencedAt
    expect(after).toBeGreaterThanOrEqual(20_000)
    expect(after).toBeLessThanOrEqual(
      20_000 + 2 * (FAST_TEST_CONFIG.housekeepingIntervalMs ?? 1_000),
    )
    await swarm.clock.runUntil(() => complete(leecher, swarmId), 120_000)
    expect(sha256Hex(await readAll(leecher, swarmId))).toBe(sha256Hex(data))
    // Nothing it had sent was thrown away: no piece failed, and the rest came from the other one.
    expect(leecher.events.filter((e) => e.type === 'piece-failed')).toHaveLength(0)
  })

  it('[EN-11] the only holder, silent and dropped at half way, is dialled again when it returns', async () => {
    const swarm = newSwarm({ seed: 8, config: FAST_TEST_CONFIG, trackerIntervalMs: 10_000 })
    const data = new SeededRandom(9).bytes(1 * MiB)
    const seeder = swarm.addPeer({ uploadBps: 64 * 1024 })
    const { swarmId } = await seedBytes(seeder, data, undefined, PIECE_BYTES)
    const leecher = swarm.addPeer()
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await swarm.clock.runUntil(() => verified(leecher) >= 32, 60_000)
    swarm.network.silence(seeder.peerId)
    await swarm.clock.runUntil(() => disconnects(leecher).length > 0, 60_000)
    expect(leecher.engine.swarm(swarmId)?.isComplete()).toBe(false)
    // Both ends time out: the seeder heard nothing from the leecher either.
    await swarm.clock.runUntil(() => disconnects(seeder).length > 0, 60_000)
    swarm.network.restore(seeder.peerId)
    await swarm.clock.runUntil(() => complete(leecher, swarmId), 120_000)
    expect(sha256Hex(await readAll(leecher, swarmId))).toBe(sha256Hex(data))
    const connects = leecher.events.filter(
      (e) => e.type === 'peer-connected' && e.peerId === seeder.peerId,
    )
    expect(connects).toHaveLength(2)
  })
})

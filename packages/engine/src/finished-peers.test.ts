import type { SwarmId } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'
import { FAST_TEST_CONFIG, MemoryChunkStore, SeededRandom, seedBytes } from '@swarmdrop/testkit'

import { describe, expect, it } from 'vitest'

import type { EngineEvent, SwarmStats } from './events.ts'
import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

describe('what a seeder sees of its downloaders', () => {
  it('[WR-3] a seeder learns through haves that its downloaders finished', async () => {
    const swarm = newSwarm({ seed: 21, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(4).bytes(600_000)
    const seeder = swarm.addPeer()
    const { swarmId, metadata } = await seedBytes(seeder, data)
    const last: { stats: SwarmStats | null } = { stats: null }
    seeder.engine.onEvent((e: EngineEvent) => {
      if (e.type === 'stats' && e.stats.swarmId === swarmId) {
        last.stats = e.stats
      }
    })
    const leechers = [swarm.addPeer(), swarm.addPeer()]
    for (const leecher of leechers) {
      leecher.engine.download(swarmId as SwarmId, (m) => new MemoryChunkStore(m))
    }
    const done = (): boolean =>
      leechers.every((l) => l.engine.swarm(swarmId)?.isComplete() === true)
    await swarm.clock.runUntil(done, 60_000)
    await swarm.clock.advance(2_000)
    const count = pieceCount(metadata)
    const peers = last.stats?.peers ?? []
    expect(peers).toHaveLength(2)
    // Before WR-3 sent haves to every neighbour, a seeder listed finished downloaders at 0.
    expect(peers.map((p) => p.piecesHeld)).toEqual([count, count])
    expect(peers.every((p) => p.hasMetadata)).toBe(true)
  })

  it('[EN-15] the shown rates fall to 0 within seconds of the transfer stopping', async () => {
    const swarm = newSwarm({ seed: 22, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(5).bytes(400_000)
    const seeder = swarm.addPeer()
    const { swarmId } = await seedBytes(seeder, data)
    const leecher = swarm.addPeer()
    const last: { stats: SwarmStats | null } = { stats: null }
    leecher.engine.onEvent((e: EngineEvent) => {
      if (e.type === 'stats') {
        last.stats = e.stats
      }
    })
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await swarm.clock.runUntil(() => leecher.engine.swarm(swarmId)?.isComplete() === true, 60_000)
    await swarm.clock.advance(4_000)
    expect(last.stats?.downBps).toBe(0)
    expect(last.stats?.peers.every((p) => p.downBps === 0)).toBe(true)
  })
})

import type { PeerId } from '@swarmdrop/protocol'
import { FAST_TEST_CONFIG, MemoryChunkStore, SeededRandom, seedBytes } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import type { SwarmStats } from './events.ts'
import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

describe('unchoking between rounds (SPEC CK-6)', () => {
  it('[CK-6] a fifth newcomer to a seeder takes the free optimistic slot at once, not at the first round', async () => {
    // Rounds as far apart as the defaults: the first one comes at 10 s.
    const config = { ...FAST_TEST_CONFIG, rechokeIntervalMs: 10_000, optimisticIntervalMs: 30_000 }
    const swarm = newSwarm({ seed: 3, config })
    const data = new SeededRandom(8).bytes(4 * 1024 * 1024)
    const seeder = swarm.addPeer({ uploadBps: 256 * 1024 })
    const { swarmId } = await seedBytes(seeder, data)
    let seen: SwarmStats | null = null
    seeder.engine.onEvent((event) => {
      if (event.type === 'stats') {
        seen = event.stats
      }
    })
    const leechers = [1, 2, 3, 4, 5].map(() => swarm.addPeer())
    for (const leecher of leechers) {
      leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    }
    await swarm.clock.advance(5_000)

    const peers = (seen as SwarmStats | null)?.peers ?? []
    expect(peers.map((p) => p.peerId).sort()).toEqual(leechers.map((l) => l.peerId).sort())
    // Four regular slots and the optimistic one: every newcomer is being served.
    expect(peers.filter((p) => !p.amChoking)).toHaveLength(5)
    expect(peers.filter((p) => p.optimistic)).toHaveLength(1)
    const served = (peer: PeerId): number =>
      peers.find((p) => p.peerId === peer)?.uploadedBytes ?? 0
    for (const leecher of leechers) {
      expect(served(leecher.peerId), leecher.peerId).toBeGreaterThan(0)
    }
  })
})

import type { Metadata } from '@swarmdrop/protocol'
import {
  FAST_TEST_CONFIG,
  MemoryChunkStore,
  SeededRandom,
  neverServing,
  readAll,
  seedBytes,
  sha256Hex,
} from '@swarmdrop/testkit'

import { describe, expect, it } from 'vitest'

import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

/** A seed that unchokes and takes requests but never sends a block. */
const silentStore = (data: Uint8Array) => (metadata: Metadata) =>
  neverServing(MemoryChunkStore.fromBytes(metadata, data))

describe('snubbed neighbours', () => {
  it('[PP-5] [PP-6] neighbours that never answer cannot hold the end game up', async () => {
    const data = new SeededRandom(4).bytes(256 * 1024)
    const pieceLength = 64 * 1024
    // Which neighbour the downloader asks first depends on the seed; without snubbing, seeds 4
    // and 5 stalled for good: the two silent seeds took turns holding the last blocks.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const swarm = newSwarm({ seed, config: FAST_TEST_CONFIG })
      const { swarmId } = await seedBytes(swarm.addPeer(), data, silentStore(data), pieceLength)
      await seedBytes(swarm.addPeer(), data, silentStore(data), pieceLength)
      await seedBytes(swarm.addPeer({ uploadBps: 64 * 1024 }), data, undefined, pieceLength)
      const downloader = swarm.addPeer()
      const torrent = downloader.engine.download(swarmId, (m) => new MemoryChunkStore(m))
      await swarm.clock.runUntil(() => torrent.isComplete(), 120_000)
      expect(sha256Hex(await readAll(downloader, swarmId))).toBe(sha256Hex(data))
    }
  })

  it('[PP-5] a slow neighbour that keeps sending blocks is not timed out: each block is sent once, at its rate', async () => {
    // 16 requests of 16 KiB queue 4 s deep at 64 KiB/s, longer than the 3 s request timeout:
    // timing out requests a neighbour is still working through cancelled them at the back of its
    // queue and asked again one at a time (it was snubbed although it never stopped sending).
    // The link took 24.9 s instead of 16 s and carried 1.98 MB for the 1 MiB file.
    const swarm = newSwarm({ seed: 3, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(3).bytes(1024 * 1024)
    const uploadBps = 64 * 1024
    const seeder = swarm.addPeer({ uploadBps })
    const { swarmId } = await seedBytes(seeder, data, undefined, 256 * 1024)
    const downloader = swarm.addPeer()
    const torrent = downloader.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    const startedAt = swarm.clock.now()
    await swarm.clock.runUntil(() => torrent.isComplete(), 120_000)
    const tookMs = swarm.clock.now() - startedAt
    expect(sha256Hex(await readAll(downloader, swarmId))).toBe(sha256Hex(data))
    expect(tookMs).toBeLessThan(1.1 * ((data.length / uploadBps) * 1000))
    expect(swarm.network.traffic(seeder.peerId).sent).toBeLessThan(1.05 * data.length)
  })
})

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
import { PIECE_MISSING } from './events.ts'
import { nextStats, swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

const PIECE_BYTES = 64 * 1024

const verifiedOf = (peer: TestPeer): number[] =>
  peer.events.flatMap((e: EngineEvent) => (e.type === 'piece-verified' ? [e.index] : []))

describe('playback deadlines in the engine', () => {
  it('[ST-5] a deadline piece goes to the front of a slow neighbour’s queue, not behind its pipeline', async () => {
    // 16 requests of 16 KiB are 4 s of queue at 64 KiB/s, and a neighbour answers in order.
    // A deadline piece asked after a full pipeline of rarest-first blocks waited behind all of
    // them: four other pieces came first (bench:stream: first frame at 16 s instead of 3 s).
    for (const seed of [1, 2, 3]) {
      const swarm = newSwarm({ seed, config: FAST_TEST_CONFIG })
      const data = new SeededRandom(seed).bytes(48 * PIECE_BYTES)
      // The engine's upload cap (bench:stream's `up=`), so requests queue at the seeder.
      const seeder = swarm.addPeer({ config: { uploadLimitBps: 64 * 1024 } })
      const { swarmId } = await seedBytes(seeder, data, undefined, PIECE_BYTES)
      const viewer = swarm.addPeer()
      const torrent = viewer.engine.download(swarmId, (m) => new MemoryChunkStore(m))
      // The first piece verified: the viewer's pipeline is full of rarest-first requests.
      await swarm.clock.runUntil(() => verifiedOf(viewer).length > 0, 60_000)
      const stats = nextStats(viewer)
      await swarm.clock.runUntil(() => stats() !== null, 60_000)
      const states = stats()?.pieceStates ?? new Uint8Array()
      // A piece nobody was asked for yet, so only a deadline can bring it forward.
      const target = [...states].lastIndexOf(PIECE_MISSING)
      expect(target).toBeGreaterThan(0)
      // A low bitrate: the window is the least one, the target piece and the next.
      torrent.setPlayback({ fileIndex: 0, byteOffset: target * PIECE_BYTES, bitrateBps: 8_000 })
      const before = verifiedOf(viewer).length
      await swarm.clock.runUntil(() => torrent.has(target), 60_000)
      const between = verifiedOf(viewer)
        .slice(before)
        .filter((index) => index !== target && index !== target + 1)
      // At most the blocks already on the wire when the deadline came complete a piece first.
      expect(between.length).toBeLessThanOrEqual(1)
      await swarm.clock.runUntil(() => torrent.isComplete(), 300_000)
      expect(sha256Hex(await readAll(viewer, swarmId))).toBe(sha256Hex(data))
    }
  })
})

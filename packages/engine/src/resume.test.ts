import { pieceCount } from '@swarmdrop/protocol'
import {
  FAST_TEST_CONFIG,
  MemoryChunkStore,
  SeededRandom,
  readAll,
  seedBytes,
  sha256Hex,
} from '@swarmdrop/testkit'

import { describe, expect, it } from 'vitest'

import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

describe('resume', () => {
  it('[EN-9] downloads only the pieces it lacks, and serves the ones it had', async () => {
    const swarm = newSwarm({ seed: 5, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(9).bytes(1024 * 1024 + 777)
    const seeder = swarm.addPeer()
    const { swarmId, metadata } = await seedBytes(seeder, data)
    const held = (index: number): boolean => index % 2 === 0
    const store = new MemoryChunkStore(metadata)
    const have: number[] = []
    let lacking = 0
    for (let index = 0, offset = 0; offset < data.length; index++) {
      const piece = data.slice(offset, offset + metadata.pieceLength)
      if (held(index)) {
        await store.put(index, piece)
        have.push(index)
      } else {
        lacking += piece.length
      }
      offset += metadata.pieceLength
    }
    const resumer = swarm.addPeer()
    const torrent = await resumer.engine.resume(metadata, store, have)
    expect(torrent.swarmId).toBe(swarmId)
    await swarm.clock.runUntil(() => torrent.isComplete(), 60_000)

    expect(sha256Hex(await readAll(resumer, swarmId))).toBe(sha256Hex(data))
    const verified = resumer.events.flatMap((e) => (e.type === 'piece-verified' ? [e.index] : []))
    expect(verified.length).toBeGreaterThan(0)
    expect(verified.filter(held)).toEqual([])
    const received = swarm.network.traffic(resumer.peerId).received
    // Frames and control messages add a little; a re-download of the held half would double it.
    expect(received).toBeLessThan(lacking * 1.1)
  })

  it('[EN-9] resuming with every piece seeds', async () => {
    const swarm = newSwarm({ seed: 6, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(10).bytes(300_000)
    const peer = swarm.addPeer()
    const { metadata } = await seedBytes(swarm.addPeer(), data)
    const all = Array.from({ length: pieceCount(metadata) }, (_, i) => i)
    const torrent = await peer.engine.resume(
      metadata,
      MemoryChunkStore.fromBytes(metadata, data),
      all,
    )
    expect(torrent.isComplete()).toBe(true)
    expect(peer.events).toContainEqual({
      type: 'swarm-added',
      swarmId: torrent.swarmId,
      seeding: true,
      passwordRequired: false,
    })
  })
})

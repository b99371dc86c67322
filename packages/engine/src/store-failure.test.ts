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

describe('a store that fails to write', () => {
  it('[EN-1] a piece whose put failed is asked for again, even when it is the last one', async () => {
    const swarm = newSwarm({ seed: 12, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(13).bytes(600_000)
    const { metadata } = await seedBytes(swarm.addPeer(), data)
    const last = pieceCount(metadata) - 1
    // Every piece but the last is already held, so nothing else happens that would refill.
    const store = MemoryChunkStore.fromBytes(metadata, data)
    let failures = 0
    const flaky = {
      put: async (index: number, bytes: Uint8Array): Promise<void> => {
        if (failures === 0) {
          failures++
          throw new Error('disk full')
        }
        await store.put(index, bytes)
      },
      get: (index: number, offset?: number, length?: number) => store.get(index, offset, length),
      close: () => store.close(),
    }
    const resumer = swarm.addPeer()
    const held = Array.from({ length: last }, (_, i) => i)
    const handle = await resumer.engine.resume(metadata, flaky, held)
    await swarm.clock.runUntil(() => handle.isComplete(), 60_000)

    expect(failures).toBe(1)
    expect(resumer.events).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'ERR_STORE', message: 'Error: disk full' }),
    )
    expect(sha256Hex(await readAll(resumer, handle.swarmId))).toBe(sha256Hex(data))
  })
})

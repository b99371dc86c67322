import type { FileEntry } from '@swarmdrop/protocol'
import {
  METADATA_CHUNK_BYTES,
  createMetadata,
  encodeMetadata,
  swarmIdOf,
} from '@swarmdrop/protocol'
import { MemoryChunkStore, SeededRandom, nodeHasher, readAll } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

describe('a multi-file swarm over the engine', () => {
  it('[MD-3][MD-7][MD-9] a leecher fetches a file list spanning several metadata chunks and every file arrives intact', async () => {
    const swarm = newSwarm({ seed: 11, config: { statsIntervalMs: 500 } })
    const random = new SeededRandom(5)
    // 3,000 small files (one empty in every ten) make metadata larger than one 64 KiB chunk.
    const files: FileEntry[] = Array.from({ length: 3_000 }, (_, i) => ({
      path: ['photos', `day-${Math.floor(i / 100)}`, `image-${String(i).padStart(4, '0')}.raw`],
      length: i % 10 === 0 ? 0 : 97 + (i % 7) * 31,
    }))
    const size = files.reduce((n, f) => n + f.length, 0)
    const data = random.bytes(size)
    const metadata = await createMetadata(
      { name: 'trip', size, mimeType: '', files },
      async (offset, length) => data.subarray(offset, offset + length),
      nodeHasher,
    )
    const encoded = encodeMetadata(metadata)
    expect(encoded.length).toBeGreaterThan(METADATA_CHUNK_BYTES)
    const swarmId = await swarmIdOf(encoded, nodeHasher)

    const seeder = swarm.addPeer()
    await seeder.engine.seed(metadata, MemoryChunkStore.fromBytes(metadata, data))
    const leecher = swarm.addPeer()
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await swarm.clock.runUntil(() => leecher.engine.swarm(swarmId)?.isComplete() ?? false, 60_000)

    expect(leecher.engine.swarm(swarmId)?.metadata()).toEqual(metadata)
    // Pieces span file boundaries (MD-9), so the stream arriving whole is every file arriving.
    expect(Buffer.from(await readAll(leecher, swarmId)).equals(Buffer.from(data))).toBe(true)
  })
})

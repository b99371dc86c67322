import type { Metadata, PeerId, SwarmId } from '@swarmdrop/protocol'
import { METADATA_CHUNK_BYTES, encodeMetadata, swarmIdOf } from '@swarmdrop/protocol'
import { ManualClock, SeededRandom, describeBytes, nodeHasher } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { MetadataFetcher } from './metadata-fetcher.ts'

const A = 'peer-a' as PeerId
const B = 'peer-b' as PeerId

async function setup(swarmId?: SwarmId) {
  const clock = new ManualClock()
  // 3,000 piece hashes: the encoding spans two metadata chunks.
  const metadata: Metadata = {
    name: 'big.iso',
    size: 3_000 * 65_536,
    mimeType: 'application/octet-stream',
    pieceLength: 65_536,
    pieceHashes: new SeededRandom(1).bytes(3_000 * 32),
  }
  const described = { metadata, swarmId: await swarmIdOf(encodeMetadata(metadata), nodeHasher) }
  const requests: [PeerId, number][] = []
  const bad: [PeerId, string][] = []
  const got: Metadata[] = []
  const fetcher = new MetadataFetcher({
    swarmId: swarmId ?? described.swarmId,
    hasher: nodeHasher,
    clock,
    timeoutMs: 1_000,
    request: (peer, chunk) => requests.push([peer, chunk]),
    onMetadata: (metadata) => got.push(metadata),
    onBadSource: (peer, reason) => bad.push([peer, reason]),
  })
  return { clock, fetcher, requests, bad, got, ...described }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('MetadataFetcher', () => {
  it('[MD-3] fetches chunk by chunk and accepts metadata that hashes to the swarm id', async () => {
    const { fetcher, requests, got, metadata } = await setup()
    const encoded = encodeMetadata(metadata)
    fetcher.offer(A)
    for (let served = 0; served < 100 && got.length === 0; served++) {
      const [, chunk] = requests.at(-1) as [PeerId, number]
      const start = chunk * METADATA_CHUNK_BYTES
      fetcher.handleData(
        A,
        chunk,
        encoded.length,
        encoded.subarray(start, start + METADATA_CHUNK_BYTES),
      )
      await flush()
    }
    expect(got).toEqual([metadata])
    expect(requests.length).toBe(Math.ceil(encoded.length / METADATA_CHUNK_BYTES))
    expect(requests.length).toBeGreaterThan(1)
  })

  it('[MD-3] rejects metadata for another swarm and blames its sender', async () => {
    const other = await describeBytes(new SeededRandom(2).bytes(1000))
    const { fetcher, bad, got } = await setup(other.swarmId)
    const encoded = encodeMetadata((await describeBytes(new SeededRandom(3).bytes(1000))).metadata)
    fetcher.offer(A)
    fetcher.handleData(A, 0, encoded.length, encoded)
    await flush()
    expect(got).toEqual([])
    expect(bad.map(([peer]) => peer)).toEqual([A])
    // The next source is tried; the bad one never again.
    fetcher.offer(A)
    expect(fetcher.busy).toBe(false)
    fetcher.offer(B)
    expect(fetcher.busy).toBe(true)
  })

  it('[MD-3] drops a source announcing an absurd size, and one that stops answering', async () => {
    const { fetcher, bad, clock, requests } = await setup()
    fetcher.offer(A)
    fetcher.handleData(A, 0, 1e12, new Uint8Array(10))
    expect(bad[0]?.[0]).toBe(A)
    fetcher.offer(B)
    await clock.advance(2_000)
    fetcher.checkTimeout()
    expect(fetcher.busy).toBe(false)
    expect(requests.map(([peer]) => peer)).toEqual([A, B])
  })

  it('[MD-8] blames the sender of a file list climbing out of its folder, even when it hashes to the swarm id', async () => {
    // A swarm id minted for hostile bytes: a valid version-2 layout whose path is "sub/..".
    const good: Metadata = {
      name: 'folder',
      size: 10,
      mimeType: '',
      pieceLength: 65_536,
      pieceHashes: new Uint8Array(32),
      files: [{ path: ['sub', 'xy'], length: 10 }],
    }
    const hostile = encodeMetadata(good)
    const at = hostile.length - 32 - 2
    hostile.set([0x2e, 0x2e], at)
    const { fetcher, bad, got } = await setup(await swarmIdOf(hostile, nodeHasher))
    fetcher.offer(A)
    fetcher.handleData(A, 0, hostile.length, hostile)
    await flush()
    expect(got).toEqual([])
    expect(bad).toHaveLength(1)
    expect(bad[0]?.[0]).toBe(A)
    expect(bad[0]?.[1]).toMatch(/plain file name/)
  })
})

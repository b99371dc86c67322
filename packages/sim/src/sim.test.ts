import { describe, expect, it } from 'vitest'

import { clientServerBound, p2pBound } from './bounds.ts'
import { runSwarm } from './run-swarm.ts'

const PIECES = 40
const PIECE_BYTES = 1_000_000
const F = PIECES * PIECE_BYTES
const u = F / 3600

describe('bounds', () => {
  it('match the textbook formulas', () => {
    const input = {
      fileBytes: F,
      serverUploadBps: 10 * u,
      peerUploadBps: [u, u, u],
      minDownloadBps: 0,
    }
    expect(p2pBound(input)).toBeCloseTo(Math.max(F / (10 * u), (3 * F) / (13 * u)))
    expect(clientServerBound(input)).toBeCloseTo((3 * F) / (10 * u))
    expect(p2pBound({ ...input, minDownloadBps: u / 2 })).toBeCloseTo(2 * 3600)
  })
})

describe('runSwarm', () => {
  const small = (seed: number) =>
    runSwarm({
      seed,
      pieceCount: PIECES,
      pieceBytes: PIECE_BYTES,
      seeder: { uploadBps: 2 * u },
      peers: [{ uploadBps: u }, { uploadBps: u }, { uploadBps: u / 2 }, { uploadBps: 2 * u }],
    })

  it('is deterministic for a seed, and a different seed changes the run', async () => {
    const [a, b, c] = [await small(5), await small(5), await small(6)]
    expect(b.downloadMs).toEqual(a.downloadMs)
    expect(b.bytesSent).toBe(a.bytesSent)
    expect(c.downloadMs).not.toEqual(a.downloadMs)
  })

  it('one seeder and one downloader take F/u_s, as the closed form says', async () => {
    const result = await runSwarm({
      seed: 1,
      pieceCount: PIECES,
      pieceBytes: PIECE_BYTES,
      seeder: { uploadBps: u },
      peers: [{ uploadBps: u }],
    })
    const seconds = (result.downloadMs[0] ?? Number.NaN) / 1000
    // F/u_s = 3600 s, plus block headers and requests on the link and a round trip (< 0.1 %).
    expect(seconds).toBeGreaterThan(3600)
    expect(seconds).toBeLessThan(3600 * 1.001)
  })

  it('conserves bytes: everything sent was received or dropped with a closed channel', async () => {
    const result = await runSwarm({
      seed: 3,
      pieceCount: PIECES,
      pieceBytes: PIECE_BYTES,
      seeder: { uploadBps: 4 * u, leaveAfterOneCopy: true },
      peers: [{ uploadBps: u }, { uploadBps: u }, { uploadBps: u }],
    })
    expect(result.downloadMs.every((d) => d !== null)).toBe(true)
    expect(result.seedLeftAtMs).not.toBeNull()
    expect(result.bytesSent).toBe(result.bytesReceived + result.bytesDropped)
  })
})

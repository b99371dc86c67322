import { ManualClock, SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { Bitfield } from '../bitfield.ts'
import type { PeerId } from '../ids.ts'
import { pieceIndex } from '../ids.ts'

import type { PlaybackFacts } from './deadlines.ts'
import { MAX_WINDOW_PIECES, fastestPeers, pieceDeadlines } from './deadlines.ts'
import { PiecePicker } from './piece-picker.ts'

const PIECE = 100_000
/** 800 kbit/s = 100 kB/s: one piece per second of playback. */
const BITRATE = 800_000

function facts(clock: ManualClock, overrides: Partial<PlaybackFacts> = {}): PlaybackFacts {
  return {
    playheadByte: 0,
    endByte: 100 * PIECE,
    bitrateBps: BITRATE,
    downloadBytesPerSecond: 10 * PIECE,
    nowMs: clock.now(),
    pieceLength: PIECE,
    pieceCount: 100,
    have: () => false,
    ...overrides,
  }
}

describe('pieceDeadlines', () => {
  it('[ST-5] the playhead piece is due now, each later one when playback reaches it', () => {
    const clock = new ManualClock(5_000)
    const deadlines = pieceDeadlines(facts(clock, { playheadByte: 250_000 }))
    expect(deadlines[0]).toMatchObject({ index: 2, dueAtMs: 5_000, urgent: true })
    expect(deadlines[1]).toMatchObject({ index: 3, dueAtMs: 5_500 })
    expect(deadlines[2]).toMatchObject({ index: 4, dueAtMs: 6_500 })
  })

  it('[ST-6] a fast download looks 10 s ahead, a tight one 20 s, never past the file', () => {
    const clock = new ManualClock(0)
    expect(pieceDeadlines(facts(clock))).toHaveLength(10)
    expect(pieceDeadlines(facts(clock, { downloadBytesPerSecond: 1.5 * PIECE }))).toHaveLength(20)
    expect(pieceDeadlines(facts(clock, { playheadByte: 95 * PIECE }))).toHaveLength(5)
    const huge = pieceDeadlines(
      facts(clock, { bitrateBps: 1_000_000_000, pieceCount: 1000, endByte: 1000 * PIECE }),
    )
    expect(huge).toHaveLength(MAX_WINDOW_PIECES)
  })

  it('[ST-6] held pieces get no deadline; seeking moves the window', () => {
    const clock = new ManualClock(0)
    const held = pieceDeadlines(facts(clock, { have: (i) => i < 3 }))
    expect(held.map((d) => d.index)).toEqual([3, 4, 5, 6, 7, 8, 9])
    const sought = pieceDeadlines(facts(clock, { playheadByte: 80 * PIECE }))
    expect(sought[0]?.index).toBe(80)
  })

  it('[ST-7] urgency follows the clock: a piece becomes urgent as its deadline nears', async () => {
    const clock = new ManualClock(0)
    // 1.5 pieces/s download: one piece takes 667 ms, so urgent means under 1.33 s left.
    const slow = { downloadBytesPerSecond: 1.5 * PIECE }
    const at = (playheadByte: number) =>
      pieceDeadlines(facts(clock, { ...slow, playheadByte })).map((d) => d.urgent)
    expect(at(0).slice(0, 3)).toEqual([true, true, false])
    await clock.advance(1_000)
    // The player has read one piece on: piece 2 is now 1 s away, piece 1 due now.
    expect(pieceDeadlines(facts(clock, { ...slow, playheadByte: PIECE }))[0]).toMatchObject({
      index: 1,
      dueAtMs: 1_000,
      urgent: true,
    })
  })

  it('[ST-7] the fastest neighbours by measured rate, ties by id, idle ones never', () => {
    const rates = new Map<PeerId, number>([
      ['c' as PeerId, 10],
      ['a' as PeerId, 50],
      ['b' as PeerId, 50],
      ['d' as PeerId, 0],
    ])
    expect([...fastestPeers(rates)]).toEqual(['a', 'b'])
    expect([...fastestPeers(new Map([['d' as PeerId, 0]]))]).toEqual([])
  })
})

describe('PiecePicker with deadlines', () => {
  const A = 'A' as PeerId
  const B = 'B' as PeerId
  const all = (n: number): Bitfield => {
    const field = new Bitfield(n)
    for (let i = 0; i < n; i++) {
      field.set(i)
    }
    return field
  }
  const make = () => {
    const p = new PiecePicker({
      pieceCount: 8,
      pieceLength: 16,
      lastPieceLength: 16,
      blockSize: 4,
      random: new SeededRandom(1),
    })
    p.addPeer(A, all(8))
    p.addPeer(B, all(8))
    return p
  }

  it('[ST-5] a piece with a deadline is requested before any rarest-first pick', () => {
    const p = make()
    p.setDeadlines([{ index: pieceIndex(6), dueAtMs: 0, urgent: false }], new Set())
    expect(p.pickBlocks(A, 4).map((r) => r.index)).toEqual([6, 6, 6, 6])
  })

  it('[ST-7] an urgent piece is asked again of a fast neighbour; a slow one is not', () => {
    const p = make()
    p.setDeadlines([{ index: pieceIndex(6), dueAtMs: 0, urgent: true }], new Set([B]))
    expect(p.pickBlocks(A, 4).map((r) => r.index)).toEqual([6, 6, 6, 6])
    // B is fast: it gets the same four blocks in duplicate.
    expect(p.pickBlocks(B, 4).map((r) => [r.index, r.begin])).toEqual([
      [6, 0],
      [6, 4],
      [6, 8],
      [6, 12],
    ])
    const q = make()
    q.setDeadlines([{ index: pieceIndex(6), dueAtMs: 0, urgent: true }], new Set())
    q.pickBlocks(A, 4)
    expect(q.pickBlocks(B, 4).some((r) => r.index === 6)).toBe(false)
  })

  it('[ST-5] a deadline goes to the front of a full pipeline: later requests are dropped', () => {
    const p = make()
    // A's pipeline is full of rarest-first requests before the player asks for anything.
    const queued = p.pickBlocks(A, 8)
    const free = [0, 1, 2, 3, 4, 5, 6, 7].find((i) => !queued.some((r) => r.index === i)) ?? -1
    const kept = queued[0]?.index ?? -1
    // The sooner deadline is a piece A was not asked for; the later one is one it was.
    p.setDeadlines(
      [
        { index: pieceIndex(free), dueAtMs: 0, urgent: false },
        { index: pieceIndex(kept), dueAtMs: 1_000, urgent: false },
      ],
      new Set(),
    )
    // A answers in order: a block asked now would wait behind all eight, so they go back.
    expect(p.preemptForDeadlines(A)).toEqual(queued)
    expect(p.requestCount(A)).toBe(0)
    expect(p.pickBlocks(A, 8).map((r) => r.index)).toEqual([
      free,
      free,
      free,
      free,
      kept,
      kept,
      kept,
      kept,
    ])
    // Nothing sooner is left to ask A for: no more drops (no churn at every tick).
    expect(p.preemptForDeadlines(A)).toEqual([])
    // B holds the same pieces, but every deadline block is asked already: B keeps its queue.
    p.pickBlocks(B, 4)
    expect(p.preemptForDeadlines(B)).toEqual([])
  })

  it('[ST-5] requests for a sooner deadline piece stay queued', () => {
    const p = make()
    p.setDeadlines([{ index: pieceIndex(2), dueAtMs: 0, urgent: false }], new Set())
    expect(p.pickBlocks(A, 4).map((r) => r.index)).toEqual([2, 2, 2, 2])
    p.setDeadlines(
      [
        { index: pieceIndex(2), dueAtMs: 0, urgent: false },
        { index: pieceIndex(3), dueAtMs: 500, urgent: false },
      ],
      new Set(),
    )
    expect(p.preemptForDeadlines(A)).toEqual([])
    expect(p.pickBlocks(A, 4).map((r) => r.index)).toEqual([3, 3, 3, 3])
  })

  it('[ST-5] clearing the deadlines returns to rarest first', () => {
    const p = make()
    p.setDeadlines([{ index: pieceIndex(6), dueAtMs: 0, urgent: false }], new Set())
    p.setDeadlines([], new Set())
    // Random order over equal availability: not all of the first picks are piece 6.
    const picked = p.pickBlocks(A, 16).map((r) => r.index)
    expect(new Set(picked).size).toBeGreaterThan(1)
  })

  it('[ST-8] sequential order picks the lowest index first', () => {
    const p = new PiecePicker({
      pieceCount: 4,
      pieceLength: 4,
      lastPieceLength: 4,
      blockSize: 4,
      random: new SeededRandom(2),
      order: 'sequential',
    })
    p.addPeer(A, all(4))
    expect(p.pickBlocks(A, 4).map((r) => r.index)).toEqual([0, 1, 2, 3])
  })
})

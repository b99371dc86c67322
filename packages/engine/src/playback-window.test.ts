import type { Metadata } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { deadlinesOf } from './playback.ts'

const PIECE = 1024
/** One file of ten pieces. */
const metadata = { name: 'notes.txt', size: 10 * PIECE, pieceLength: PIECE } as unknown as Metadata

const context = (held: ReadonlySet<number> = new Set()) => ({
  metadata,
  pieceCount: 10,
  have: (index: number) => held.has(index),
  downloadBytesPerSecond: 0,
  rates: new Map(),
  nowMs: 0,
})

const indices = (playback: Parameters<typeof deadlinesOf>[0], held?: ReadonlySet<number>) =>
  deadlinesOf(playback, context(held)).deadlines.map((d) => d.index)

describe('deadlinesOf', () => {
  it('[ST-5] without an end, the window runs ahead of the playhead', () => {
    expect(indices({ fileIndex: 0, byteOffset: 0, bitrateBps: 0 }).length).toBeGreaterThan(1)
  })

  it('[ST-9] a quiet read’s end caps the window at the one piece it waits on', () => {
    expect(indices({ fileIndex: 0, byteOffset: 100, bitrateBps: 0, endByte: PIECE })).toEqual([0])
    expect(
      indices({ fileIndex: 0, byteOffset: 3 * PIECE, bitrateBps: 0, endByte: 4 * PIECE - 1 }),
    ).toEqual([3])
  })

  it('[ST-9] an end at or before the playhead, or a held piece, gives no deadline', () => {
    expect(indices({ fileIndex: 0, byteOffset: PIECE, bitrateBps: 0, endByte: PIECE })).toEqual([])
    expect(
      indices({ fileIndex: 0, byteOffset: 0, bitrateBps: 0, endByte: PIECE }, new Set([0])),
    ).toEqual([])
  })

  it('[ST-5] an end past the file is the file’s end', () => {
    expect(
      indices({ fileIndex: 0, byteOffset: 9 * PIECE, bitrateBps: 0, endByte: 99 * PIECE }),
    ).toEqual([9])
  })
})

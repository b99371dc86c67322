import { describe, expect, it } from 'vitest'

import {
  URGENT_BURST_PIECES,
  URGENT_SHARE,
  fullUrgentCredit,
  mayJumpQueue,
  refillUrgentCredit,
  spendUrgentCredit,
} from './urgent-credit.ts'

const BLOCK = 64 * 1024
const PIECE = 256 * 1024
const BURST = URGENT_BURST_PIECES * PIECE

describe('urgent credit', () => {
  it('[ST-11] a neighbour that never jumped may send one burst (two pieces) ahead of others', () => {
    let credit = fullUrgentCredit(0, PIECE)
    let jumped = 0
    while (mayJumpQueue(credit, BLOCK)) {
      credit = spendUrgentCredit(credit, BLOCK)
      jumped += BLOCK
    }
    expect(jumped).toBe(BURST)
  })

  it('[ST-11] then it refills at URGENT_SHARE of the upload rate, never past the burst', () => {
    const empty = { bytes: 0, atMs: 1_000 }
    const rate = 100_000
    expect(refillUrgentCredit(empty, 2_000, rate, PIECE).bytes).toBeCloseTo(URGENT_SHARE * rate)
    expect(refillUrgentCredit(empty, 1_000_000, rate, PIECE).bytes).toBe(BURST)
    expect(refillUrgentCredit(empty, 500, rate, PIECE)).toEqual({ bytes: 0, atMs: 500 })
    expect(refillUrgentCredit(empty, 9_000, 0, PIECE).bytes).toBe(0)
  })

  it('[ST-11] a greedy neighbour gets at most the burst plus the share of a long upload', () => {
    const rate = 200_000
    let credit = fullUrgentCredit(0, PIECE)
    let jumped = 0
    // Ten seconds of blocks at the upload rate, every one of them asked urgently.
    for (let t = 0; t <= 10_000; t += (BLOCK / rate) * 1000) {
      credit = refillUrgentCredit(credit, t, rate, PIECE)
      if (mayJumpQueue(credit, BLOCK)) {
        credit = spendUrgentCredit(credit, BLOCK)
        jumped += BLOCK
      }
    }
    expect(jumped).toBeLessThanOrEqual(BURST + URGENT_SHARE * rate * 10)
    expect(jumped).toBeGreaterThan(URGENT_SHARE * rate * 10)
  })
})

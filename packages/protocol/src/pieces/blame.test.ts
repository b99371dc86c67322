import { describe, expect, it } from 'vitest'

import type { PeerId } from '../ids.ts'
import { blameBadPiece } from './blame.ts'

const a = 'a' as PeerId
const b = 'b' as PeerId

describe('blameBadPiece', () => {
  it('[EN-2] shuns a lone sender at once', () => {
    const decision = blameBadPiece([a], new Map(), 3)
    expect(decision.shun.map((s) => s.peerId)).toEqual([a])
  })

  it('[EN-2] shared blame accrues strikes, shunned at the limit', () => {
    let strikes: ReadonlyMap<PeerId, number> = new Map()
    for (let round = 1; round <= 2; round++) {
      const decision = blameBadPiece([a, b], strikes, 3)
      expect(decision.shun).toEqual([])
      strikes = decision.strikes
    }
    const third = blameBadPiece([a, b], strikes, 3)
    expect(third.shun.map((s) => s.peerId)).toEqual([a, b])
    expect(third.strikes.get(a)).toBe(3)
  })

  it('[EN-2] a piece a shunned peer had a hand in strikes no one else', () => {
    const strikes = new Map([[b, 2]])
    const decision = blameBadPiece([a, b], strikes, 3, new Set([a]))
    expect(decision.shun).toEqual([])
    expect(decision.strikes).toBe(strikes)
    // Without the shun it would have been b's third strike.
    expect(blameBadPiece([a, b], strikes, 3).shun.map((s) => s.peerId)).toEqual([b])
  })

  it('[EN-2] does not mutate the strikes it was given', () => {
    const strikes = new Map([[a, 1]])
    blameBadPiece([a, b], strikes, 3)
    expect(strikes.get(a)).toBe(1)
  })
})

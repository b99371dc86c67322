import type { SwarmId } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { SWARM_A } from '../test-support/engine-events.ts'

import { otherMembers, progressPercent, selectTotalUploadedBytes } from './selectors.ts'
import { INITIAL_SWARM_STATE, emptySwarm } from './swarm-store.ts'
import type { SwarmView } from './swarm-store.ts'

const file = { name: 'f', size: 1000, mimeType: '', pieceCount: 3 }
const leecher = (overrides: Partial<SwarmView> = {}): SwarmView => ({
  ...emptySwarm(SWARM_A, false),
  ...overrides,
})

describe('progressPercent', () => {
  it('is an integer 0–100 that reaches 100 only when complete', () => {
    expect(progressPercent(undefined)).toBe(0)
    expect(progressPercent(leecher())).toBe(0)
    expect(progressPercent(leecher({ file, piecesVerified: 1 }))).toBe(33)
    expect(progressPercent(leecher({ file, piecesVerified: 3 }))).toBe(99)
    expect(progressPercent(leecher({ file, piecesVerified: 3, complete: true }))).toBe(100)
  })
})

describe('swarm figures', () => {
  it('counts the other members, leaving us out of the tracker total', () => {
    expect(otherMembers(leecher())).toBeNull()
    expect(otherMembers(leecher({ size: { seeders: 1, leechers: 2 } }))).toBe(2)
  })

  it("sums this tab's upload over all its swarms as whole bytes", () => {
    const other = 'b'.repeat(64) as SwarmId
    const state = {
      ...INITIAL_SWARM_STATE,
      swarms: {
        [SWARM_A]: leecher({ uploadedBytes: 1000.7 }),
        [other]: { ...emptySwarm(other, true), uploadedBytes: 24 },
      },
    }
    expect(selectTotalUploadedBytes(state)).toBe(1024)
  })
})

import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import type { PeerId } from '../ids.ts'
import type { ChokeDecision, ChokerPeer, ChokerState } from './choker.ts'
import {
  INITIAL_CHOKER_STATE,
  isOptimisticRound,
  optimisticEveryRounds,
  rechoke,
} from './choker.ts'

const id = (name: string): PeerId => name as PeerId

function neighbour(
  name: string,
  rates: {
    down?: number
    up?: number
    interested?: boolean
    downloaded?: number
    uploaded?: number
  },
): ChokerPeer {
  return {
    peerId: id(name),
    peerInterested: rates.interested ?? true,
    downloadRate: rates.down ?? 0,
    uploadRate: rates.up ?? 0,
    downloaded: rates.downloaded ?? 0,
    uploaded: rates.uploaded ?? 0,
  }
}

function round(
  peers: ChokerPeer[],
  options: { seeding?: boolean; rotate?: boolean; seed?: number; state?: ChokerState } = {},
): [ChokeDecision, ChokerState] {
  return rechoke(
    {
      peers,
      seeding: options.seeding ?? false,
      slots: 4,
      rotateOptimistic: options.rotate ?? false,
      random: new SeededRandom(options.seed ?? 1),
    },
    options.state ?? INITIAL_CHOKER_STATE,
  )
}

/** Six interested leechers, a–f, downloading to us at 10, 60, 30, 50, 20, 40. */
const SIX = ['a', 'b', 'c', 'd', 'e', 'f'].map((name, i) =>
  neighbour(name, { down: [10, 60, 30, 50, 20, 40][i] ?? 0, up: [90, 10, 80, 20, 70, 30][i] ?? 0 }),
)

describe('rechoke', () => {
  it('[CK-2] while downloading, the 4 fastest uploaders to us get the regular slots, best first', () => {
    const [decision] = round(SIX)
    expect(decision.regular).toEqual(['b', 'd', 'f', 'c'])
    expect(decision.ranked.map((r) => [r.peerId, r.rate])).toEqual([
      ['b', 60],
      ['d', 50],
      ['f', 40],
      ['c', 30],
      ['e', 20],
      ['a', 10],
    ])
  })

  it('[CK-2] equal download rates go to whoever gave us more so far, never to a free rider', () => {
    // Six neighbours all at rate 0 in this window; three of them sent blocks earlier.
    const peers = ['r1', 'r2', 'r3', 'x', 'y', 'z'].map((name, i) =>
      neighbour(name, { downloaded: [0, 0, 0, 3000, 1000, 2000][i] ?? 0 }),
    )
    for (const seed of [1, 2, 3, 4, 5]) {
      const [decision] = round(peers, { seed })
      expect(decision.regular.slice(0, 3)).toEqual(['x', 'z', 'y'])
    }
  })

  it('[CK-3] while seeding, regular slots go to the peers we have sent least, whatever their rate', () => {
    const served = SIX.map((p, i) => ({ ...p, uploaded: [50, 10, 60, 20, 40, 30][i] ?? 0 }))
    const [decision] = round(served, { seeding: true })
    expect(decision.regular).toEqual(['b', 'd', 'f', 'e'])
    // The log still shows the rate each one gets from us.
    expect(decision.ranked[0]).toEqual({ peerId: 'b', rate: 10 })
  })

  it('[CK-4] the first round picks an optimistic unchoke among choked interested peers', () => {
    const [decision, state] = round(SIX)
    expect(['a', 'e']).toContain(decision.optimistic)
    expect(state.optimistic).toBe(decision.optimistic)
    expect(decision.unchoke).toEqual([...decision.regular, decision.optimistic])
    expect(decision.choke).toHaveLength(1)
    expect([...decision.unchoke, ...decision.choke].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })

  it('[CK-4] the optimistic unchoke is kept between rotations, whatever the Random says', () => {
    const [, first] = round(SIX, { seed: 1 })
    for (let seed = 2; seed < 20; seed++) {
      const [decision] = round(SIX, { seed, state: first })
      expect(decision.optimistic).toBe(first.optimistic)
    }
  })

  it('[CK-4] rotation picks someone else, at random among choked interested peers', () => {
    const peers = [...SIX, neighbour('g', { down: 5 }), neighbour('h', { down: 1 })]
    const seen = new Set<string | null>()
    for (let seed = 1; seed <= 60; seed++) {
      const state: ChokerState = { optimistic: id('a') }
      const [decision] = round(peers, { rotate: true, seed, state })
      expect(decision.optimistic).not.toBe('a')
      expect(decision.regular).not.toContain(decision.optimistic)
      seen.add(decision.optimistic)
    }
    expect([...seen].sort()).toEqual(['e', 'g', 'h'])
  })

  it('[CK-4] rotation may keep the optimistic only when it is the sole candidate', () => {
    const peers = SIX.slice(0, 5) // a is the only interested peer outside the top 4
    const [decision] = round(peers, { rotate: true, state: { optimistic: id('a') } })
    expect(decision.optimistic).toBe('a')
  })

  it('[CK-4] an optimistic peer that lost interest or left is replaced without waiting', () => {
    const lostInterest = SIX.map((p) => (p.peerId === 'a' ? { ...p, peerInterested: false } : p))
    const [decision] = round(lostInterest, { state: { optimistic: id('a') } })
    expect(decision.optimistic).toBe('e')
    const [afterLeaving] = round(
      SIX.filter((p) => p.peerId !== 'a'),
      { state: { optimistic: id('a') } },
    )
    expect(afterLeaving.optimistic).toBe('e')
  })

  it('[CK-4] an optimistic peer that earned a regular slot frees the optimistic slot', () => {
    const faster = SIX.map((p) => (p.peerId === 'a' ? { ...p, downloadRate: 1000 } : p))
    const [decision] = round(faster, { state: { optimistic: id('a') } })
    expect(decision.regular).toEqual(['a', 'b', 'd', 'f'])
    expect(['c', 'e']).toContain(decision.optimistic)
  })

  it('[CK-5] a free rider never gets a regular slot while 4 others upload, only optimistic', () => {
    const peers = [
      neighbour('free', { down: 0 }),
      ...['w', 'x', 'y', 'z'].map((name, i) => neighbour(name, { down: 100 + i })),
    ]
    let state = INITIAL_CHOKER_STATE
    for (let r = 0; r < 30; r++) {
      const [decision, next] = round(peers, { seed: r, rotate: r % 3 === 0, state })
      expect(decision.regular).not.toContain('free')
      expect(decision.optimistic).toBe('free')
      state = next
    }
  })

  it('[CK-5] uninterested peers are choked even when fast', () => {
    const peers = [neighbour('idle', { down: 1e9, interested: false }), ...SIX]
    const [decision] = round(peers)
    expect(decision.choke).toContain('idle')
    expect(decision.ranked.map((r) => r.peerId)).not.toContain('idle')
  })

  it('[CK-2] ties in rate are broken by the Random, reproducibly', () => {
    const peers = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => neighbour(name, { down: 7 }))
    const regulars = new Set<string>()
    for (let seed = 1; seed <= 30; seed++) {
      const [first] = round(peers, { seed })
      const [again] = round(peers, { seed })
      expect(again).toEqual(first)
      regulars.add(first.regular.join())
    }
    expect(regulars.size).toBeGreaterThan(1)
  })

  it('unchokes everyone interested when there are fewer than the slots, no optimistic', () => {
    const [decision, state] = round(SIX.slice(0, 3))
    expect(decision.regular).toHaveLength(3)
    expect(decision.optimistic).toBeNull()
    expect(state.optimistic).toBeNull()
    expect(decision.choke).toEqual([])
    expect(round([])[0]).toEqual({
      regular: [],
      optimistic: null,
      unchoke: [],
      choke: [],
      ranked: [],
    })
  })
})

describe('choking ablation (simulator only)', () => {
  it("policy 'none' unchokes every interested peer and chokes the rest", () => {
    const peers = [...SIX, neighbour('g', { interested: false })]
    const [decision] = rechoke(
      {
        peers,
        seeding: false,
        slots: 4,
        rotateOptimistic: false,
        random: new SeededRandom(1),
        policy: 'none',
      },
      INITIAL_CHOKER_STATE,
    )
    expect([...decision.regular].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(decision.choke).toEqual(['g'])
  })
})

describe('optimistic rounds', () => {
  it('[CK-4] every round(optimistic / rechoke) rounds, at least every round', () => {
    expect(optimisticEveryRounds(10_000, 30_000)).toBe(3)
    expect(optimisticEveryRounds(1_000, 2_000)).toBe(2)
    expect(optimisticEveryRounds(10_000, 5_000)).toBe(1)
    const k = optimisticEveryRounds(10_000, 30_000)
    expect([1, 2, 3, 4, 5, 6].filter((r) => isOptimisticRound(r, k))).toEqual([3, 6])
  })
})

import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { SwarmRegistry } from './swarm-registry.ts'

const SWARM_A = 'a'.repeat(64) as DiscoveryId
const SWARM_B = 'b'.repeat(64) as DiscoveryId
const peer = (name: string): PeerId => name as PeerId

const registryWith = (members: string[], cap = 30, seed = 1): SwarmRegistry => {
  const registry = new SwarmRegistry({ random: new SeededRandom(seed), maxPeersPerAnnounce: cap })
  for (const name of members) {
    registry.announce(peer(name), SWARM_A, false, 0)
  }
  return registry
}

describe('SwarmRegistry', () => {
  it('[TR-2] the first announce joins, a re-announce keeps one membership', () => {
    const registry = registryWith([])
    const first = registry.announce(peer('p1'), SWARM_A, false, 10)
    expect(first).toEqual({ peers: [], seeders: 0, leechers: 1, countsChanged: true })
    const again = registry.announce(peer('p1'), SWARM_A, false, 10)
    expect(again.countsChanged).toBe(false)
    expect(registry.size(SWARM_A)).toBe(1)
    expect(registry.isMember(peer('p1'), SWARM_A)).toBe(true)
  })

  it('[TR-2] counts seeders and leechers, and a seeding flip changes them', () => {
    const registry = registryWith(['l1', 'l2'])
    const seeder = registry.announce(peer('s1'), SWARM_A, true, 0)
    expect(seeder).toMatchObject({ seeders: 1, leechers: 2, countsChanged: true })
    const flipped = registry.announce(peer('l1'), SWARM_A, true, 0)
    expect(flipped).toMatchObject({ seeders: 2, leechers: 1, countsChanged: true })
    expect(registry.counts(SWARM_A)).toEqual({ seeders: 2, leechers: 1 })
  })

  it('[TR-3] the peer list never contains the requester', () => {
    const registry = registryWith(['p1', 'p2', 'p3'])
    for (let i = 0; i < 50; i++) {
      const { peers } = registry.announce(peer('p2'), SWARM_A, false, 30)
      expect(peers).not.toContain('p2')
      expect([...peers].sort()).toEqual(['p1', 'p3'])
    }
  })

  it('[TR-3] the peer list is at most min(numWant, cap) long and has no duplicates', () => {
    const names = Array.from({ length: 20 }, (_, i) => `p${i}`)
    const registry = registryWith(names, 5)
    expect(registry.announce(peer('p0'), SWARM_A, false, 3).peers).toHaveLength(3)
    expect(registry.announce(peer('p0'), SWARM_A, false, 100).peers).toHaveLength(5)
    expect(registry.announce(peer('p0'), SWARM_A, false, 0).peers).toHaveLength(0)
    const { peers } = registry.announce(peer('p0'), SWARM_A, false, 5)
    expect(new Set(peers).size).toBe(5)
    for (const id of peers) {
      expect(names).toContain(id)
    }
  })

  it('[TR-3] the sample is uniform: every member and every pair turn up equally often', () => {
    const registry = registryWith(['me', 'a', 'b', 'c', 'd', 'e'], 30, 42)
    const draws = 20_000
    const perMember = new Map<string, number>()
    const perPair = new Map<string, number>()
    for (let i = 0; i < draws; i++) {
      const { peers } = registry.announce(peer('me'), SWARM_A, false, 2)
      for (const id of peers) {
        perMember.set(id, (perMember.get(id) ?? 0) + 1)
      }
      const pair = [...peers].sort().join()
      perPair.set(pair, (perPair.get(pair) ?? 0) + 1)
    }
    // 2 of 5: each member appears in 40% of draws; each of the 10 pairs in 10%.
    expect(perMember.size).toBe(5)
    for (const count of perMember.values()) {
      expect(count / draws).toBeGreaterThan(0.38)
      expect(count / draws).toBeLessThan(0.42)
    }
    expect(perPair.size).toBe(10)
    for (const count of perPair.values()) {
      expect(count / draws).toBeGreaterThan(0.09)
      expect(count / draws).toBeLessThan(0.11)
    }
  })

  it('[TR-3] survives a Random that returns values at the edge of [0, 1)', () => {
    const registry = new SwarmRegistry({ random: { next: () => 0.999_999_999_9 } })
    for (const name of ['a', 'b', 'c']) {
      registry.announce(peer(name), SWARM_A, false, 0)
    }
    expect([...registry.announce(peer('a'), SWARM_A, false, 2).peers].sort()).toEqual(['b', 'c'])
  })

  it('[TR-9] leave removes one membership and keeps the counts right', () => {
    const registry = registryWith(['p1', 'p2'])
    registry.announce(peer('p1'), SWARM_B, true, 0)
    expect(registry.leave(peer('p1'), SWARM_A)).toBe(true)
    expect(registry.isMember(peer('p1'), SWARM_A)).toBe(false)
    expect(registry.isMember(peer('p1'), SWARM_B)).toBe(true)
    expect(registry.members(SWARM_A)).toEqual(['p2'])
    expect(registry.leave(peer('p1'), SWARM_A)).toBe(false)
    expect(registry.leave(peer('p1'), SWARM_B)).toBe(true)
    expect(registry.counts(SWARM_B)).toEqual({ seeders: 0, leechers: 0 })
  })

  it('[TR-9] leaveAll leaves every swarm at once and returns them', () => {
    const registry = registryWith(['p1', 'p2'])
    registry.announce(peer('p1'), SWARM_B, true, 0)
    expect(registry.leaveAll(peer('p1')).sort()).toEqual([SWARM_A, SWARM_B])
    expect(registry.isMember(peer('p1'), SWARM_A)).toBe(false)
    expect(registry.isMember(peer('p1'), SWARM_B)).toBe(false)
    expect(registry.members(SWARM_A)).toEqual(['p2'])
    expect(registry.leaveAll(peer('p1'))).toEqual([])
    expect(registry.leaveAll(peer('unknown'))).toEqual([])
  })

  it('[TR-9] an empty swarm is forgotten', () => {
    const registry = registryWith(['p1'])
    registry.announce(peer('p1'), SWARM_B, true, 0)
    expect(registry.swarmCount).toBe(2)
    registry.leave(peer('p1'), SWARM_A)
    expect(registry.swarmCount).toBe(1)
    registry.leaveAll(peer('p1'))
    expect(registry.swarmCount).toBe(0)
    expect(registry.size(SWARM_A)).toBe(0)
    expect(registry.members(SWARM_B)).toEqual([])
  })

  it('[TR-2] a rejoin after leaving counts as a change again', () => {
    const registry = registryWith(['p1', 'p2'])
    registry.leave(peer('p1'), SWARM_A)
    expect(registry.announce(peer('p1'), SWARM_A, false, 5)).toMatchObject({
      peers: ['p2'],
      countsChanged: true,
      leechers: 2,
    })
  })
})

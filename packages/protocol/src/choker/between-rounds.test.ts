import { describe, expect, it } from 'vitest'

import type { PeerId } from '../ids.ts'
import { unchokeBetweenRounds } from './between-rounds.ts'

const peer = (id: string, amChoking: boolean) => ({ peerId: id as PeerId, amChoking })
const o = 'o' as PeerId

describe('unchokeBetweenRounds', () => {
  it('[CK-6] unchokes at once while a regular slot is free', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('b', true)], null, 2)).toBe('regular')
  })

  it('[CK-6] the regular slots full and nobody optimistic: the optimistic slot', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('b', false)], null, 2)).toBe('optimistic')
    // The holder it remembers was choked since (or left): the slot is free.
    expect(unchokeBetweenRounds([peer('a', false), peer('b', false), peer('o', true)], o, 2)).toBe(
      'optimistic',
    )
  })

  it('[CK-6] waits for the round when every slot is taken', () => {
    const peers = [peer('a', false), peer('b', false), peer('o', false), peer('c', true)]
    expect(unchokeBetweenRounds(peers, o, 2)).toBeNull()
  })

  it('[CK-6] the optimistic unchoke does not take a regular slot', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('o', false)], o, 2)).toBe('regular')
  })
})

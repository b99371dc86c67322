import { describe, expect, it } from 'vitest'

import type { PeerId } from '../ids.ts'
import { unchokeBetweenRounds } from './between-rounds.ts'

const peer = (id: string, amChoking: boolean) => ({ peerId: id as PeerId, amChoking })

describe('unchokeBetweenRounds', () => {
  it('[CK-6] unchokes at once while a regular slot is free', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('b', true)], null, 2)).toBe(true)
  })

  it('[CK-6] waits for the round when the regular slots are full', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('b', false)], null, 2)).toBe(false)
  })

  it('[CK-6] the optimistic unchoke does not take a regular slot', () => {
    expect(unchokeBetweenRounds([peer('a', false), peer('o', false)], 'o' as PeerId, 2)).toBe(true)
  })
})

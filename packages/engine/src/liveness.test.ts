import type { PeerId } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { decideLiveness, idleReason } from './liveness.ts'

const config = { keepAliveIntervalMs: 5_000, peerIdleTimeoutMs: 20_000 }
const facts = (peerId: string, lastSentAt: number, lastReceivedAt: number) => ({
  peerId: peerId as PeerId,
  lastSentAt,
  lastReceivedAt,
})

describe('decideLiveness', () => {
  it('[EN-10] a keep-alive goes only to neighbours we sent nothing to for the interval', () => {
    const decision = decideLiveness(
      [facts('quiet', 10_000, 14_000), facts('busy', 14_999, 14_000)],
      15_000,
      config,
    )
    expect(decision).toEqual({ keepAlive: ['quiet'], idle: [] })
  })

  it('[EN-11] a neighbour silent for the idle timeout is dropped, and sent no keep-alive', () => {
    const decision = decideLiveness(
      [facts('gone', 0, 1_000), facts('alive', 0, 1_001)],
      21_000,
      config,
    )
    expect(decision).toEqual({ keepAlive: ['alive'], idle: ['gone'] })
  })

  it('[EN-10][EN-11] 0 turns either off', () => {
    const decision = decideLiveness([facts('a', 0, 0)], 1_000_000, {
      keepAliveIntervalMs: 0,
      peerIdleTimeoutMs: 0,
    })
    expect(decision).toEqual({ keepAlive: [], idle: [] })
  })

  it('[EN-11] says how long the neighbour was silent', () => {
    expect(idleReason(20_000)).toBe('idle: nothing received for 20 s')
  })
})

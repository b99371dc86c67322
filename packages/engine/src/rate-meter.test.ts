import { ManualClock } from '@swarmdrop/testkit'

import { describe, expect, it } from 'vitest'

import { RateMeter } from './rate-meter.ts'

describe('RateMeter', () => {
  it('averages over its life until the window is full, then over the window', async () => {
    const clock = new ManualClock()
    const meter = new RateMeter(clock, 10_000)
    meter.add(5_000)
    await clock.advance(5_000)
    expect(meter.rate()).toBeCloseTo(1_000, -1)
    meter.add(5_000)
    await clock.advance(4_999)
    expect(meter.rate()).toBeCloseTo(1_000, -1)
    // A window after the first add, its bucket rolls out.
    await clock.advance(1)
    expect(meter.rate()).toBeCloseTo(500)
  })

  it('forgets bytes once they fall out of the window, but keeps the total', async () => {
    const clock = new ManualClock()
    const meter = new RateMeter(clock, 10_000)
    meter.add(10_000)
    await clock.advance(10_000)
    meter.add(2_000)
    // The first 10 000 bytes are now a window old; only the 2 000 are recent.
    await clock.advance(9_999)
    expect(meter.rate()).toBeCloseTo(200, -1)
    await clock.advance(60_000)
    expect(meter.rate()).toBe(0)
    meter.add(1_000)
    expect(meter.rate()).toBeCloseTo(100)
    expect(meter.total).toBe(13_000)
  })
})

describe('RateMeter.recentRate', () => {
  it('[EN-15] reads the last few seconds only, so it drops to 0 soon after a transfer stops', async () => {
    const clock = new ManualClock()
    const meter = new RateMeter(clock, 20_000)
    for (let i = 0; i < 10; i++) {
      meter.add(1_000)
      await clock.advance(1_000)
    }
    expect(meter.recentRate(3_000)).toBeCloseTo(1_000, -2)
    await clock.advance(3_000)
    expect(meter.recentRate(3_000)).toBe(0)
    // The ranking window still remembers (the choker's tit-for-tat needs the longer memory).
    expect(meter.rate()).toBeGreaterThan(0)
  })
})

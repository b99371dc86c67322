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

import { describe, expect, it } from 'vitest'

import { ManualClock, settleMicrotasks } from './manual-clock.ts'

/** Starts a chain of `links` promise hops at each timer and records the instant it ends at. */
async function chainEnds(clock: ManualClock, links: number): Promise<number[]> {
  const ends: number[] = []
  const chain = async (): Promise<void> => {
    for (let i = 0; i < links; i++) {
      await null
    }
    ends.push(clock.now())
  }
  clock.setTimeout(() => void chain(), 10)
  clock.setTimeout(() => undefined, 20)
  await clock.advance(30)
  return ends
}

describe('ManualClock', () => {
  it('fires timers in due order, then in the order they were set', async () => {
    const clock = new ManualClock()
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b'), 20)
    clock.setTimeout(() => fired.push('a'), 10)
    clock.setTimeout(() => fired.push('c'), 20)
    await clock.advance(25)
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(clock.now()).toBe(25)
  })

  it('with microtask settling, a chain within the hop budget ends at the instant it started', async () => {
    expect(await chainEnds(new ManualClock(0, settleMicrotasks(16)), 10)).toEqual([10])
  })

  it('a chain longer than the hop budget finishes at a later instant, never lost', async () => {
    expect(await chainEnds(new ManualClock(0, settleMicrotasks(4)), 10)).toEqual([20])
  })

  it('a reusable timer set again moves in place and sorts as a timer set at that moment', async () => {
    const clock = new ManualClock()
    const fired: string[] = []
    const timer = clock.reusableTimer(() => fired.push('reused'))
    timer.set(30)
    clock.setTimeout(() => fired.push('a'), 10)
    timer.set(10)
    clock.setTimeout(() => fired.push('b'), 10)
    clock.post((label) => fired.push(label), 'posted', 5)
    await clock.advance(40)
    expect(fired).toEqual(['posted', 'a', 'reused', 'b'])
    timer.set(5)
    timer.cancel()
    await clock.advance(10)
    expect(fired).toHaveLength(4)
    expect(clock.nextDue()).toBeNull()
  })
})

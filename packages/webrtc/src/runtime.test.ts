import { describe, expect, it } from 'vitest'

import { mathRandom, systemClock, webCryptoHasher } from './runtime.ts'

describe('runtime adapters', () => {
  it('webCryptoHasher computes SHA-256 (FIPS 180-2 "abc" vector)', async () => {
    const digest = await webCryptoHasher(new TextEncoder().encode('abc'))
    expect(Buffer.from(digest).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('webCryptoHasher hashes only the bytes of a view', async () => {
    const padded = new TextEncoder().encode('xxabcxx')
    const digest = await webCryptoHasher(padded.subarray(2, 5))
    expect(digest).toEqual(await webCryptoHasher(new TextEncoder().encode('abc')))
  })

  it('systemClock timers can be cancelled', async () => {
    let fired = false
    systemClock.setTimeout(() => (fired = true), 0)()
    const stopInterval = systemClock.setInterval(() => (fired = true), 0)
    stopInterval()
    // Timers with equal delays run in order, so this one runs after the cancelled ones would have.
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 0))
    expect(fired).toBe(false)
    expect(systemClock.now()).toBeGreaterThan(0)
  })

  it('mathRandom stays in [0, 1)', () => {
    const xs = Array.from({ length: 1000 }, () => mathRandom.next())
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})

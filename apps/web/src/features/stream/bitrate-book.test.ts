import { describe, expect, it } from 'vitest'

import { averageBitrateBps, createBitrateBook } from './bitrate-book.ts'

describe('bitrate book', () => {
  it('[ST-10] a file is 0 until its player reports, then its size × 8 / duration', () => {
    const book = createBitrateBook()
    expect(book.of('s', 0)).toBe(0)
    book.record('s', 0, averageBitrateBps(5_000_000, 40))
    expect(book.of('s', 0)).toBe(1_000_000)
    expect(book.of('s', 1)).toBe(0)
    expect(book.of('t', 0)).toBe(0)
  })

  it('[ST-10] an unknown, infinite or zero duration records nothing', () => {
    const book = createBitrateBook()
    for (const duration of [Number.NaN, Number.POSITIVE_INFINITY, 0]) {
      book.record('s', 0, averageBitrateBps(5_000_000, duration))
    }
    expect(book.of('s', 0)).toBe(0)
  })
})

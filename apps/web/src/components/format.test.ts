import { describe, expect, it } from 'vitest'

import { formatBytes, formatDuration, formatNumber, formatRate } from './format.ts'

describe('format', () => {
  it('[LANG-5] bytes and rates keep binary units, with the language number conventions', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(1536, 'ko')).toBe('1.5 KiB')
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023.6 * 1024 * 1024 * 1024 * 1024 * 3)).toBe('3,071 TiB')
    expect(formatRate(2048)).toBe('2.0 KiB/s')
  })

  it('[LANG-5] durations read in the language', () => {
    expect(formatDuration(940)).toBe('0.9 s')
    expect(formatDuration(940, 'ko')).toBe('0.9초')
    expect(formatDuration(75_000)).toBe('1 min 15 s')
    expect(formatDuration(75_000, 'ko')).toBe('1분 15초')
    expect(formatDuration(3_900_000, 'ko')).toBe('1시간 5분')
    expect(formatDuration(null, 'ko')).toBe('—')
  })

  it('[LANG-5] numbers group digits', () => {
    expect(formatNumber(12_345, 'en')).toBe('12,345')
    expect(formatNumber(12_345, 'ko')).toBe('12,345')
    expect(formatNumber(0.5, 'en', 2)).toBe('0.50')
  })
})

import { describe, expect, it } from 'vitest'

import { formatRate } from '../../components/format.ts'

import { RATE_INCRS_BPS, TIME_INCRS_S, distinctLabels } from './chart-axes.ts'

describe('chart axes', () => {
  it('[SP-1] time ticks are whole seconds, so no two read the same', () => {
    expect(TIME_INCRS_S.every((s) => Number.isInteger(s) && s >= 1)).toBe(true)
    const labels = [0, 1, 2, 3, 4].map((i) => `${i * (TIME_INCRS_S[0] ?? 1)} s`)
    expect(new Set(labels).size).toBe(labels.length)
  })

  it('[SP-1] rate ticks at any spacing read differently', () => {
    for (const step of RATE_INCRS_BPS) {
      const labels = [0, 1, 2, 3, 4, 5].map((i) => formatRate(i * step))
      expect(new Set(labels).size, `step ${step}`).toBe(labels.length)
    }
  })

  it('[SP-1] a repeated label is blanked', () => {
    expect(distinctLabels(['1 s', '1 s', '1 s', '2 s'])).toEqual(['1 s', '', '', '2 s'])
  })
})

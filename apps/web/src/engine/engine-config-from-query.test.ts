import { DEFAULT_ENGINE_CONFIG } from '@swarmdrop/engine'
import { describe, expect, it } from 'vitest'

import {
  engineConfigFromQuery,
  engineOverridesFromQuery,
  uiBatchingFromQuery,
} from './engine-config-from-query.ts'

describe('engineConfigFromQuery', () => {
  it('[CK-1] [CK-4] layers rechoke, optimistic, slots and stats over the defaults', () => {
    const config = engineConfigFromQuery('?rechoke=1000&optimistic=3000&slots=2&stats=250')
    expect(config).toEqual({
      ...DEFAULT_ENGINE_CONFIG,
      rechokeIntervalMs: 1000,
      optimisticIntervalMs: 3000,
      uploadSlots: 2,
      statsIntervalMs: 250,
    })
  })

  it('is the defaults without a query', () => {
    expect(engineConfigFromQuery('')).toEqual(DEFAULT_ENGINE_CONFIG)
  })

  it('ignores values that are not whole numbers within bounds', () => {
    expect(
      engineOverridesFromQuery(
        'rechoke=-5&optimistic=1e3&slots=0&stats=abc&rechoke=9&unknown=1&slots=999',
      ),
    ).toEqual({})
    expect(engineOverridesFromQuery('?slots=%203%20&rechoke=99999999999')).toEqual({
      uploadSlots: 3,
    })
  })
})

describe('uiBatchingFromQuery', () => {
  it('batches unless the page says batch=0', () => {
    expect(uiBatchingFromQuery('')).toBe(true)
    expect(uiBatchingFromQuery('?batch=1')).toBe(true)
    expect(uiBatchingFromQuery('?stats=50&batch=0')).toBe(false)
  })
})

describe('upload cap from the query', () => {
  it('reads up=<bytes per second> into uploadLimitBps, 0 meaning unlimited', () => {
    expect(engineOverridesFromQuery('?up=262144')).toEqual({ uploadLimitBps: 262_144 })
    expect(engineOverridesFromQuery('?up=0')).toEqual({ uploadLimitBps: 0 })
    expect(engineOverridesFromQuery('?up=-5&up=1k')).toEqual({})
  })
})

import { describe, expect, it } from 'vitest'

import { MAX_PIPELINE_DEPTH, requestQueueDepth } from './queue-depth.ts'

const BLOCK = 64 * 1024

describe('requestQueueDepth', () => {
  it('[PP-4] never fewer than the configured depth', () => {
    expect(requestQueueDepth({ rateBps: 0, blockSize: BLOCK, minDepth: 16, snubbed: false })).toBe(
      16,
    )
  })

  it('[PP-4] covers three seconds of the measured rate', () => {
    expect(
      requestQueueDepth({ rateBps: 50 * BLOCK, blockSize: BLOCK, minDepth: 16, snubbed: false }),
    ).toBe(150)
  })

  it('[PP-4] is capped, whatever the rate', () => {
    expect(
      requestQueueDepth({ rateBps: 1e12, blockSize: BLOCK, minDepth: 16, snubbed: false }),
    ).toBe(MAX_PIPELINE_DEPTH)
  })

  it('[PP-5] a snubbed neighbour gets one request at a time', () => {
    expect(requestQueueDepth({ rateBps: 1e9, blockSize: BLOCK, minDepth: 16, snubbed: true })).toBe(
      1,
    )
  })
})

import { describe, expect, it } from 'vitest'

import { formatBytes, formatEta, percent, progressBar } from './format.ts'
import { progressLine, recordLine } from './human-output.ts'

describe('human output', () => {
  it('formats sizes, rates, ETA and the bar', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.0 GiB')
    expect(formatEta(65, 1)).toBe('1:05')
    expect(formatEta(3723, 1)).toBe('1:02:03')
    expect(formatEta(10, 0)).toBe('--:--')
    expect(progressBar(0.5, 10)).toBe('[#####.....]')
    expect(percent(0.999)).toBe(' 99%')
  })

  it('[CL-4] shows progress with rate and ETA, and seeding with peers, up rate and copies sent', () => {
    const base = {
      type: 'progress' as const,
      totalBytes: 1024 * 1024,
      downloadedBytes: 0,
      uploadedBytes: 2 * 1024 * 1024,
      downBps: 1024,
      upBps: 2048,
      peers: 3,
    }
    expect(progressLine({ ...base, seeding: false, verifiedBytes: 512 * 1024 })).toBe(
      '[############............]  50% 512.0 KiB of 1.0 MiB · 1.0 KiB/s · ETA 8:32 · 3 peers',
    )
    expect(progressLine({ ...base, seeding: true, verifiedBytes: 1024 * 1024 })).toBe(
      'seeding · 3 peers · up 2.0 KiB/s · 2.0 MiB sent (2.00 copies)',
    )
  })

  it('[CL-6] says how many bytes a resumed get fetched again', () => {
    expect(
      recordLine({
        type: 'done',
        path: '/d/f',
        totalBytes: 2048,
        fetchedBytes: 1024,
        uploadedBytes: 0,
      }),
    ).toContain('fetched 1.0 KiB (1024 bytes) in this run')
  })
})

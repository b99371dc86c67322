import { describe, expect, it } from 'vitest'

import { fingerprintsOf, fingerprintsOfSdp } from './sdp-fingerprints.ts'

const sdp = (...fingerprints: string[]): string =>
  [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    ...fingerprints.map((f) => `a=fingerprint:${f}`),
    'a=setup:actpass',
    '',
  ].join('\r\n')

describe('SDP fingerprints (SPEC PL-4)', () => {
  it('[PL-4] reads, normalises, de-duplicates and sorts a=fingerprint lines', () => {
    expect(fingerprintsOfSdp(sdp('SHA-256 AB:CD', 'sha-256 ab:cd', 'sha-1 01:02'))).toBe(
      'sha-1 01:02,sha-256 ab:cd',
    )
    expect(fingerprintsOfSdp(sdp())).toBe('')
    expect(fingerprintsOfSdp(undefined)).toBe('')
  })

  it('[PL-4] gives null until both descriptions carry a fingerprint', () => {
    const local = { sdp: sdp('sha-256 AA:AA') }
    const remote = { sdp: sdp('sha-256 BB:BB') }
    expect(fingerprintsOf({ localDescription: local, remoteDescription: null })).toBeNull()
    expect(fingerprintsOf({ localDescription: local, remoteDescription: remote })).toEqual({
      local: 'sha-256 aa:aa',
      remote: 'sha-256 bb:bb',
    })
  })
})

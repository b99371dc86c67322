import { describe, expect, it } from 'vitest'

import { type StatsEntry, routeOfStats } from './route-of-stats.ts'

const candidate = (id: string, type: 'local-candidate' | 'remote-candidate', kind: string) => ({
  id,
  type,
  candidateType: kind,
})

/** A report with one transport selecting pair P1 (local L1, remote R1) and a stale pair P0. */
function report(
  local: string,
  remote: string,
  pair: Partial<StatsEntry> = {},
  transport: Partial<StatsEntry> = { selectedCandidatePairId: 'P1' },
): StatsEntry[] {
  return [
    { id: 'T', type: 'transport', ...transport },
    {
      id: 'P0',
      type: 'candidate-pair',
      localCandidateId: 'L0',
      remoteCandidateId: 'R0',
      state: 'failed',
    },
    {
      id: 'P1',
      type: 'candidate-pair',
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      state: 'succeeded',
      nominated: true,
      currentRoundTripTime: 0.0421,
      ...pair,
    },
    candidate('L0', 'local-candidate', 'relay'),
    candidate('R0', 'remote-candidate', 'relay'),
    candidate('L1', 'local-candidate', local),
    candidate('R1', 'remote-candidate', remote),
  ]
}

describe('routeOfStats', () => {
  it('[NET-1] host, srflx and prflx pairs are direct; the RTT is in whole ms', () => {
    expect(routeOfStats(report('host', 'host'))).toEqual({
      path: 'direct',
      rttMs: 42,
      localType: 'host',
      remoteType: 'host',
    })
    expect(routeOfStats(report('srflx', 'prflx'))?.path).toBe('direct')
  })

  it('[NET-1] a relay candidate at either end makes the path relay', () => {
    expect(routeOfStats(report('relay', 'host'))?.path).toBe('relay')
    expect(routeOfStats(report('srflx', 'relay'))?.path).toBe('relay')
  })

  it('[NET-1] reads the pair the transport selected, not another one', () => {
    // P0 is all relay: reading it would say relay.
    expect(routeOfStats(report('host', 'srflx'))?.path).toBe('direct')
    expect(routeOfStats(report('host', 'host', {}, { selectedCandidatePairId: 'P0' }))?.path).toBe(
      'relay',
    )
  })

  it('[NET-1] without a transport entry, takes the nominated succeeded pair', () => {
    expect(
      routeOfStats(report('relay', 'srflx', {}, { selectedCandidatePairId: undefined })),
    ).toEqual({ path: 'relay', rttMs: 42, localType: 'relay', remoteType: 'srflx' })
  })

  it('[NET-1] is null while ICE has selected nothing, and the RTT null until measured', () => {
    const checking = report(
      'host',
      'host',
      { nominated: false, state: 'in-progress' },
      { selectedCandidatePairId: undefined },
    )
    expect(routeOfStats(checking)).toBeNull()
    expect(routeOfStats([])).toBeNull()
    expect(routeOfStats(report('host', 'host', { currentRoundTripTime: undefined }))?.rttMs).toBe(
      null,
    )
  })
})

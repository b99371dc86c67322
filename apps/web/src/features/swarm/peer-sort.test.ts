import { describe, expect, it } from 'vitest'

import { peerId } from '../../test-support/engine-events.ts'
import { newPeerRow } from '../../store/apply-stats.ts'
import type { PeerRow } from '../../store/swarm-store.ts'

import { DEFAULT_PEER_SORT, nextSort, sortPeerRows } from './peer-sort.ts'

const row = (id: string, overrides: Partial<PeerRow> = {}): PeerRow => ({
  ...newPeerRow(peerId(id), 0),
  ...overrides,
})

describe('sortPeerRows', () => {
  const rows = [
    row('c', { downBps: 10, connectedAt: 300 }),
    row('a', { downBps: 30, connectedAt: 100, amChoking: false }),
    row('b', { downBps: 10, connectedAt: 200 }),
  ]
  const ids = (sorted: PeerRow[]) => sorted.map((r) => r.peerId).join('')

  it('sorts by id by default and by rate with ties broken by id', () => {
    expect(ids(sortPeerRows(rows, DEFAULT_PEER_SORT))).toBe('abc')
    expect(ids(sortPeerRows(rows, { key: 'downBps', descending: true }))).toBe('abc')
    expect(ids(sortPeerRows(rows, { key: 'downBps', descending: false }))).toBe('bca')
  })

  it('puts the oldest connection first when sorting by age, descending', () => {
    expect(ids(sortPeerRows(rows, { key: 'connectedAt', descending: true }))).toBe('abc')
    expect(ids(sortPeerRows(rows, { key: 'amChoking', descending: true }))).toBe('bca')
  })

  it('flips a column clicked twice and starts a new column at its large end', () => {
    const byRate = nextSort(DEFAULT_PEER_SORT, 'downBps')
    expect(byRate).toEqual({ key: 'downBps', descending: true })
    expect(nextSort(byRate, 'downBps')).toEqual({ key: 'downBps', descending: false })
  })
})

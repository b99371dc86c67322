import type { PeerRow } from '../../store/swarm-store.ts'

/** Columns the neighbour table sorts by. */
export type PeerSortKey =
  | 'peerId'
  | 'downBps'
  | 'upBps'
  | 'piecesHeld'
  | 'amChoking'
  | 'amInterested'
  | 'peerChoking'
  | 'peerInterested'
  | 'connectedAt'
  | 'path'
  | 'rttMs'

/** A sort order; `descending` puts the largest (or `true`, or the oldest connection) first. */
export interface PeerSort {
  readonly key: PeerSortKey
  readonly descending: boolean
}

/** Ids stay in a stable order and rates read best first, as a torrent client shows them. */
export const DEFAULT_PEER_SORT: PeerSort = { key: 'peerId', descending: false }

const valueOf = (row: PeerRow, key: PeerSortKey): number | string => {
  if (key === 'path') {
    return row.route?.path ?? ''
  }
  if (key === 'rttMs') {
    // Unmeasured sorts after every measured one.
    return row.route?.rttMs ?? Number.POSITIVE_INFINITY
  }
  const value = row[key]
  if (typeof value === 'boolean') {
    return value ? 1 : 0
  }
  // Older connections first when descending: "age" grows as connectedAt shrinks.
  return key === 'connectedAt' ? -value : value
}

/** A sorted copy of `peers`; ties fall back to the peer id so rows never swap places at random. */
export function sortPeerRows(peers: readonly PeerRow[], sort: PeerSort): PeerRow[] {
  const sign = sort.descending ? -1 : 1
  return [...peers].sort((a, b) => {
    const x = valueOf(a, sort.key)
    const y = valueOf(b, sort.key)
    if (x !== y) {
      return (x < y ? -1 : 1) * sign
    }
    return a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0
  })
}

/** The next order after clicking `key`: the same column flips, a new one starts at its natural end. */
export function nextSort(current: PeerSort, key: PeerSortKey): PeerSort {
  if (current.key === key) {
    return { key, descending: !current.descending }
  }
  return { key, descending: key !== 'peerId' }
}

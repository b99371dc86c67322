import type { ChannelRoute } from '@swarmdrop/engine'
import { memo, useMemo, useState } from 'react'

import { formatDuration, formatRate, shortPeerId } from '../../components/format.ts'
import type { PeerRow } from '../../store/swarm-store.ts'

import { DEFAULT_PEER_SORT, nextSort, sortPeerRows } from './peer-sort.ts'
import type { PeerSort, PeerSortKey } from './peer-sort.ts'

/** Props of PeerTable. */
export interface PeerTableProps {
  readonly peers: readonly PeerRow[]
  /** The file's piece count, for "how much of the file each holds"; null before metadata. */
  readonly pieceCount: number | null
  /** Engine clock (ms) of the latest stats, for connection ages; null before any. */
  readonly sampledAt: number | null
}

interface Column {
  readonly key: PeerSortKey
  readonly label: string
  readonly numeric: boolean
  /** Spelled out for screen readers and tooltips: the short labels are BEP 3 shorthand. */
  readonly description: string
}

const COLUMNS: readonly Column[] = [
  { key: 'peerId', label: 'Peer', numeric: false, description: 'Neighbour id' },
  { key: 'downBps', label: 'From them', numeric: true, description: 'Download rate from them' },
  { key: 'upBps', label: 'To them', numeric: true, description: 'Upload rate to them' },
  { key: 'piecesHeld', label: 'Has', numeric: true, description: 'Share of the file they hold' },
  { key: 'amChoking', label: 'We choke', numeric: false, description: 'We are choking them' },
  { key: 'peerChoking', label: 'They choke', numeric: false, description: 'They are choking us' },
  { key: 'amInterested', label: 'We want', numeric: false, description: 'We are interested' },
  {
    key: 'peerInterested',
    label: 'They want',
    numeric: false,
    description: 'They are interested',
  },
  { key: 'connectedAt', label: 'Age', numeric: true, description: 'Connection age' },
  {
    key: 'path',
    label: 'Path',
    numeric: false,
    description: 'How the connection reaches them: direct, or relayed through a TURN server',
  },
  { key: 'rttMs', label: 'RTT', numeric: true, description: 'Round-trip time of the connection' },
]

/** "direct (host ↔ srflx)": the candidate types say which addresses the connection uses. */
function pathText(route: ChannelRoute | null): string {
  if (route === null) {
    return '—'
  }
  const kinds = `${route.localType} ↔ ${route.remoteType}`
  return route.path === 'relay' ? `relayed (${kinds})` : `direct (${kinds})`
}

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no')

/**
 * One row per neighbour: rates both ways, choke/interest both ways, the optimistic unchoke, how
 * much of the file each holds, for how long it has been connected and how the connection
 * reaches it (direct or relayed, and its round-trip time); sortable by any column.
 * The row's data-* attributes are an external contract (CONTRACT.md `peer-row`).
 */
export const PeerTable = memo(function PeerTable({ peers, pieceCount, sampledAt }: PeerTableProps) {
  const [sort, setSort] = useState<PeerSort>(DEFAULT_PEER_SORT)
  const rows = useMemo(() => sortPeerRows(peers, sort), [peers, sort])
  if (peers.length === 0) {
    return <p className="muted">No neighbours connected yet.</p>
  }
  return (
    <div className="table-scroll" role="region" aria-label="Neighbours" tabIndex={0}>
      <table className="peers" data-testid="peer-table" data-sort={sort.key}>
        <caption className="visually-hidden">
          Neighbours, sorted by {COLUMNS.find((c) => c.key === sort.key)?.description}
          {sort.descending ? ', descending' : ', ascending'}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'num' : undefined}
                aria-sort={
                  sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                }
              >
                <button
                  type="button"
                  className="sort-button"
                  title={column.description}
                  data-sort-key={column.key}
                  onClick={() => setSort((current) => nextSort(current, column.key))}
                >
                  {column.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === column.key ? (sort.descending ? '▼' : '▲') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((peer) => (
            <PeerTableRow
              key={peer.peerId}
              peer={peer}
              pieceCount={pieceCount}
              ageSeconds={
                sampledAt === null
                  ? null
                  : Math.max(0, Math.floor((sampledAt - peer.connectedAt) / 1000))
              }
            />
          ))}
        </tbody>
      </table>
    </div>
  )
})

interface PeerTableRowProps {
  readonly peer: PeerRow
  readonly pieceCount: number | null
  /** Whole seconds, so a row re-renders once a second at most for its age. */
  readonly ageSeconds: number | null
}

/** Memoised: an unchanged row object (apply-stats keeps it) with the same age skips rendering. */
const PeerTableRow = memo(function PeerTableRow({
  peer,
  pieceCount,
  ageSeconds,
}: PeerTableRowProps) {
  const share =
    pieceCount === null || pieceCount === 0 ? null : Math.min(1, peer.piecesHeld / pieceCount)
  const rttMs = peer.route?.rttMs ?? null
  // data-path (SPEC NET-1) is absent, not empty, until the selected candidate pair is known.
  return (
    <tr
      data-testid="peer-row"
      data-peer-id={peer.peerId}
      data-am-choking={String(peer.amChoking)}
      data-peer-choking={String(peer.peerChoking)}
      data-am-interested={String(peer.amInterested)}
      data-peer-interested={String(peer.peerInterested)}
      data-down-bps={Math.max(0, Math.round(peer.downBps))}
      data-up-bps={Math.max(0, Math.round(peer.upBps))}
      data-pieces-held={peer.piecesHeld}
      data-optimistic={String(peer.optimistic)}
      data-path={peer.route?.path}
      className={peer.optimistic ? 'optimistic' : undefined}
    >
      <th scope="row" className="peer-id" title={peer.peerId}>
        {shortPeerId(peer.peerId)}
        {peer.optimistic ? <span className="tag">optimistic</span> : null}
      </th>
      <td className="num">{formatRate(peer.downBps)}</td>
      <td className="num">{formatRate(peer.upBps)}</td>
      <td className="num">{share === null ? '—' : `${Math.floor(share * 100)}%`}</td>
      <td className={peer.amChoking ? 'flag-on' : 'flag-off'}>{yesNo(peer.amChoking)}</td>
      <td className={peer.peerChoking ? 'flag-on' : 'flag-off'}>{yesNo(peer.peerChoking)}</td>
      <td className={peer.amInterested ? 'flag-on' : 'flag-off'}>{yesNo(peer.amInterested)}</td>
      <td className={peer.peerInterested ? 'flag-on' : 'flag-off'}>{yesNo(peer.peerInterested)}</td>
      <td className="num">{ageSeconds === null ? '—' : formatDuration(ageSeconds * 1000)}</td>
      <td className={peer.route?.path === 'relay' ? 'path-relay' : undefined}>
        {pathText(peer.route)}
      </td>
      <td className="num">{rttMs === null ? '—' : `${rttMs} ms`}</td>
    </tr>
  )
})

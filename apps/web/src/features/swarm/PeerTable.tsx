import type { ChannelRoute } from '@swarmdrop/engine'
import type { TFunction } from 'i18next'
import { memo, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { shortPeerId } from '../../components/format.ts'
import { useFormat } from '../../components/use-format.ts'
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
  readonly numeric: boolean
}

// Labels come from `swarm.peers.column.<key>`, and each is spelled out for screen readers and
// tooltips in `swarm.peers.describe.<key>`: the short labels are BitTorrent terms (BEP 3), which
// stay in this panel but must read clearly.
const COLUMNS: readonly Column[] = [
  { key: 'peerId', numeric: false },
  { key: 'downBps', numeric: true },
  { key: 'upBps', numeric: true },
  { key: 'piecesHeld', numeric: true },
  { key: 'amChoking', numeric: false },
  { key: 'peerChoking', numeric: false },
  { key: 'amInterested', numeric: false },
  { key: 'peerInterested', numeric: false },
  { key: 'connectedAt', numeric: true },
  { key: 'path', numeric: false },
  { key: 'rttMs', numeric: true },
]

/** "direct (host ↔ srflx)": the candidate types say which addresses the connection uses. */
function pathText(route: ChannelRoute | null, t: TFunction): string {
  if (route === null) {
    return t('common.dash')
  }
  const kinds = `${route.localType} ↔ ${route.remoteType}`
  return route.path === 'relay'
    ? t('swarm.peers.relayed', { kinds })
    : t('swarm.peers.direct', { kinds })
}

/**
 * One row per neighbour: rates both ways, choke/interest both ways, the optimistic unchoke, how
 * much of the file each holds, for how long it has been connected and how the connection
 * reaches it (direct or relayed, and its round-trip time); sortable by any column.
 * The row's data-* attributes are an external contract (CONTRACT.md `peer-row`).
 */
export const PeerTable = memo(function PeerTable({ peers, pieceCount, sampledAt }: PeerTableProps) {
  const [sort, setSort] = useState<PeerSort>(DEFAULT_PEER_SORT)
  const rows = useMemo(() => sortPeerRows(peers, sort), [peers, sort])
  const { t } = useTranslation()
  if (peers.length === 0) {
    return <p className="muted">{t('swarm.peers.empty')}</p>
  }
  const column = t(`swarm.peers.describe.${sort.key}`)
  return (
    <div className="table-scroll" role="region" aria-label={t('swarm.peers.heading')} tabIndex={0}>
      <table className="peers" data-testid="peer-table" data-sort={sort.key}>
        <caption className="visually-hidden">
          {sort.descending
            ? t('swarm.peers.sortedDescending', { column })
            : t('swarm.peers.sortedAscending', { column })}
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
                  title={t(`swarm.peers.describe.${column.key}`)}
                  data-sort-key={column.key}
                  onClick={() => setSort((current) => nextSort(current, column.key))}
                >
                  {t(`swarm.peers.column.${column.key}`)}
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
  const { t } = useTranslation()
  const { rate, duration } = useFormat()
  const yesNo = (flag: boolean): string => (flag ? t('common.yes') : t('common.no'))
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
        {peer.optimistic ? <span className="tag">{t('swarm.peers.optimistic')}</span> : null}
      </th>
      <td className="num">{rate(peer.downBps)}</td>
      <td className="num">{rate(peer.upBps)}</td>
      <td className="num">{share === null ? t('common.dash') : `${Math.floor(share * 100)}%`}</td>
      <td className={peer.amChoking ? 'flag-on' : 'flag-off'}>{yesNo(peer.amChoking)}</td>
      <td className={peer.peerChoking ? 'flag-on' : 'flag-off'}>{yesNo(peer.peerChoking)}</td>
      <td className={peer.amInterested ? 'flag-on' : 'flag-off'}>{yesNo(peer.amInterested)}</td>
      <td className={peer.peerInterested ? 'flag-on' : 'flag-off'}>{yesNo(peer.peerInterested)}</td>
      <td className="num">
        {ageSeconds === null ? t('common.dash') : duration(ageSeconds * 1000)}
      </td>
      <td className={peer.route?.path === 'relay' ? 'path-relay' : undefined}>
        {pathText(peer.route, t)}
      </td>
      <td className="num">
        {rttMs === null ? t('common.dash') : t('swarm.peers.ms', { n: rttMs })}
      </td>
    </tr>
  )
})

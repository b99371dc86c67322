import { formatRate } from '../../components/format.ts'
import type { PeerRow } from '../../store/swarm-store.ts'

/** Props of PeerTable. */
export interface PeerTableProps {
  readonly peers: readonly PeerRow[]
}

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no')

/**
 * One row per neighbour with its choke/interest state in both directions and its rates. The
 * data-* attributes are an external contract (CONTRACT.md `peer-row`); the cells are for people.
 */
export function PeerTable({ peers }: PeerTableProps) {
  if (peers.length === 0) {
    return <p className="muted">No neighbours connected yet.</p>
  }
  return (
    <div className="table-scroll">
      <table className="peers">
        <caption className="visually-hidden">Neighbours</caption>
        <thead>
          <tr>
            <th scope="col">Peer</th>
            <th scope="col">We choke them</th>
            <th scope="col">We want theirs</th>
            <th scope="col">They choke us</th>
            <th scope="col">They want ours</th>
            <th scope="col" className="num">
              Down
            </th>
            <th scope="col" className="num">
              Up
            </th>
          </tr>
        </thead>
        <tbody>
          {peers.map((peer) => (
            <tr
              key={peer.peerId}
              data-testid="peer-row"
              data-peer-id={peer.peerId}
              data-am-choking={String(peer.amChoking)}
              data-peer-choking={String(peer.peerChoking)}
              data-am-interested={String(peer.amInterested)}
              data-peer-interested={String(peer.peerInterested)}
              data-down-bps={Math.max(0, Math.round(peer.downBps))}
              data-up-bps={Math.max(0, Math.round(peer.upBps))}
            >
              <th scope="row" className="peer-id" title={peer.peerId}>
                {peer.peerId.slice(0, 8)}
                {peer.optimistic ? <span className="tag">optimistic</span> : null}
              </th>
              <td className={peer.amChoking ? 'flag-on' : 'flag-off'}>{yesNo(peer.amChoking)}</td>
              <td className={peer.amInterested ? 'flag-on' : 'flag-off'}>
                {yesNo(peer.amInterested)}
              </td>
              <td className={peer.peerChoking ? 'flag-on' : 'flag-off'}>
                {yesNo(peer.peerChoking)}
              </td>
              <td className={peer.peerInterested ? 'flag-on' : 'flag-off'}>
                {yesNo(peer.peerInterested)}
              </td>
              <td className="num">{formatRate(peer.downBps)}</td>
              <td className="num">{formatRate(peer.upBps)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

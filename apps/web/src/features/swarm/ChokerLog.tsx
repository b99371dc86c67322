import { memo } from 'react'

import { formatRate, shortPeerId } from '../../components/format.ts'
import type { ChokeLogEntry, RankedPeerView } from '../../store/swarm-store.ts'

/** Props of ChokerLog. */
export interface ChokerLogProps {
  readonly entries: readonly ChokeLogEntry[]
  readonly rounds: number
  readonly optimisticRotations: number
  /** Engine clock (ms) the times count from; null shows raw seconds. */
  readonly origin: number | null
  /** Seeders share out what they send, leechers rank by what they receive (SPEC CK-2, CK-3). */
  readonly seeding: boolean
}

const peerList = (peers: readonly RankedPeerView[]): string =>
  peers.length === 0
    ? 'nobody'
    : peers
        .map(
          (p) =>
            `${shortPeerId(p.peerId)} (${p.rate === null ? 'not interested' : formatRate(p.rate)})`,
        )
        .join(', ')

/** Why each neighbour got or lost an upload slot, in words. */
export function chokeEventText(entry: ChokeLogEntry): string {
  const optimistic =
    entry.optimistic === null ? '' : `; optimistic unchoke: ${shortPeerId(entry.optimistic)}`
  return `Unchoked ${peerList(entry.unchoked)}; choked ${peerList(entry.choked)}${optimistic}`
}

/**
 * Every choking round and optimistic rotation as an event: who was unchoked and who choked, with
 * the rate the choker ranked them by, so tit-for-tat can be watched. Newest first, in a
 * fixed-height scroll box so new rounds never move the page.
 */
export const ChokerLog = memo(function ChokerLog({
  entries,
  rounds,
  optimisticRotations,
  origin,
  seeding,
}: ChokerLogProps) {
  return (
    <section
      className="choker-log"
      data-testid="choker-log"
      data-rounds={rounds}
      data-optimistic-rotations={optimisticRotations}
      aria-labelledby="choker-log-title"
    >
      <h3 id="choker-log-title">Choker log</h3>
      <p className="small muted num">
        {rounds} {rounds === 1 ? 'round' : 'rounds'}, {optimisticRotations} optimistic{' '}
        {optimisticRotations === 1 ? 'rotation' : 'rotations'}.{' '}
        {seeding
          ? 'Seeding: those we have sent least go first; the rate shown is what we upload to them.'
          : 'Ranked by the rate they send us.'}
      </p>
      <ol className="choker-events" tabIndex={0} aria-label="Choking rounds, newest first">
        {entries.length === 0 ? <li className="muted">No choking round yet.</li> : null}
        {entries.map((entry) => (
          <li
            key={entry.seq}
            data-testid="choke-event"
            data-kind={entry.kind}
            data-seq={entry.seq}
            data-unchoked={entry.unchoked.map((p) => p.peerId).join(' ')}
            data-choked={entry.choked.map((p) => p.peerId).join(' ')}
            data-optimistic={entry.optimistic ?? ''}
          >
            <span className="num event-time">
              {origin === null ? '' : `+${((entry.at - origin) / 1000).toFixed(1)} s`}
            </span>{' '}
            <span className={entry.kind === 'optimistic' ? 'tag' : 'tag tag-quiet'}>
              {entry.kind === 'optimistic' ? 'optimistic rotation' : `round ${entry.seq}`}
            </span>{' '}
            {chokeEventText(entry)}
          </li>
        ))}
      </ol>
    </section>
  )
})

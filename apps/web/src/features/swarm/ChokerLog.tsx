import type { TFunction } from 'i18next'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'

import { shortPeerId } from '../../components/format.ts'
import { useFormat } from '../../components/use-format.ts'
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

const peerList = (
  peers: readonly RankedPeerView[],
  t: TFunction,
  rate: (bps: number) => string,
): string =>
  peers.length === 0
    ? t('swarm.choker.nobody')
    : peers
        .map((p) =>
          t('swarm.choker.ranked', {
            peer: shortPeerId(p.peerId),
            rate: p.rate === null ? t('swarm.choker.notInterested') : rate(p.rate),
          }),
        )
        .join(', ')

/** Why each neighbour got or lost an upload slot, in words. */
export function chokeEventText(
  entry: ChokeLogEntry,
  t: TFunction,
  rate: (bps: number) => string,
): string {
  const unchoked = peerList(entry.unchoked, t, rate)
  const choked = peerList(entry.choked, t, rate)
  return entry.optimistic === null
    ? t('swarm.choker.event', { unchoked, choked })
    : t('swarm.choker.eventOptimistic', {
        unchoked,
        choked,
        optimistic: shortPeerId(entry.optimistic),
      })
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
  const { t } = useTranslation()
  const { rate, number } = useFormat()
  return (
    <section
      className="choker-log"
      data-testid="choker-log"
      data-rounds={rounds}
      data-optimistic-rotations={optimisticRotations}
      aria-labelledby="choker-log-title"
    >
      <h3 id="choker-log-title">{t('swarm.choker.title')}</h3>
      <p className="small muted num">
        {t('swarm.choker.counts', {
          rounds: t('swarm.choker.rounds', { count: rounds }),
          rotations: t('swarm.choker.rotations', { count: optimisticRotations }),
        })}{' '}
        {seeding ? t('swarm.choker.seeding') : t('swarm.choker.leeching')}
      </p>
      <ol className="choker-events" tabIndex={0} aria-label={t('swarm.choker.listLabel')}>
        {entries.length === 0 ? <li className="muted">{t('swarm.choker.empty')}</li> : null}
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
              {origin === null
                ? ''
                : t('swarm.choker.at', { seconds: number((entry.at - origin) / 1000, 1) })}
            </span>{' '}
            <span className={entry.kind === 'optimistic' ? 'tag' : 'tag tag-quiet'}>
              {entry.kind === 'optimistic'
                ? t('swarm.choker.optimisticRotation')
                : t('swarm.choker.round', { seq: entry.seq })}
            </span>{' '}
            {chokeEventText(entry, t, rate)}
          </li>
        ))}
      </ol>
    </section>
  )
})

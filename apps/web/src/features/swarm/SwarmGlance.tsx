import type { TFunction } from 'i18next'
import { memo } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { shallow } from 'zustand/shallow'

import { useFormat } from '../../components/use-format.ts'
import type { DistributionBound } from '../../store/swarm-figures.ts'
import type { TrackerStatusView } from '../../store/swarm-store.ts'

/** Everything "swarm at a glance" shows: plain numbers, so a shallow compare skips renders. */
export interface GlanceFigures {
  readonly seeders: number | null
  readonly leechers: number | null
  readonly neighbours: number
  /** Neighbours reached directly and through a relay, as far as known (SPEC NET-1). */
  readonly direct: number
  readonly relayed: number
  readonly shareRatio: number | null
  readonly etaMs: number | null
  readonly elapsedMs: number | null
  readonly complete: boolean
  readonly seeding: boolean
  readonly bound: DistributionBound
}

/** Props of SwarmGlance. */
export interface SwarmGlanceProps {
  readonly figures: GlanceFigures
  readonly tracker: TrackerStatusView
  /** This tab's upload over all its swarms, bytes (the `uploaded-bytes` hook). */
  readonly uploadedBytes: number
}

/** Figures are recomputed per snapshot; only a changed number should cost a render. */
const sameProps = (a: SwarmGlanceProps, b: SwarmGlanceProps): boolean =>
  a.tracker === b.tracker &&
  a.uploadedBytes === b.uploadedBytes &&
  shallow({ ...a.figures, bound: null }, { ...b.figures, bound: null }) &&
  shallow(a.figures.bound, b.figures.bound)

/**
 * Tracker-reported swarm size, share ratio, ETA and the distribution-time bound vs elapsed.
 * Only figures something supports are shown (issue #17): no "time left" once complete or while
 * seeding, no "0.00 copies" before anything was sent.
 */
export const SwarmGlance = memo(function SwarmGlance({
  figures,
  tracker,
  uploadedBytes,
}: SwarmGlanceProps) {
  const { t } = useTranslation()
  const { bytes, duration, number } = useFormat()
  const { seeders, leechers, bound } = figures
  const downloading = !figures.complete && !figures.seeding
  const ms = (value: number | null): number | string => (value === null ? '' : Math.round(value))
  return (
    <>
      <dl
        className="facts glance"
        data-testid="swarm-glance"
        data-seeders={seeders ?? ''}
        data-leechers={leechers ?? ''}
        data-share-ratio={figures.shareRatio === null ? '' : figures.shareRatio.toFixed(3)}
        data-eta-ms={ms(figures.etaMs)}
        data-elapsed-ms={ms(figures.elapsedMs)}
        data-bound-ms={ms(bound.boundMs)}
        data-direct={figures.direct}
        data-relayed={figures.relayed}
      >
        <div>
          <dt>{t('swarm.glance.tracker')}</dt>
          <dd className={`tracker tracker-${tracker}`}>
            {t(`swarm.glance.trackerState.${tracker}`)}
          </dd>
        </div>
        <div>
          <dt>{t('swarm.glance.size')}</dt>
          <dd className="num">
            {seeders === null || leechers === null
              ? t('common.dash')
              : t('swarm.glance.sizeValue', {
                  seeders: t('swarm.glance.seeders', { count: seeders }),
                  leechers: t('swarm.glance.leechers', { count: leechers }),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('swarm.glance.neighbours')}</dt>
          <dd className="num" data-testid="neighbour-paths">
            {figures.neighbours}
            {figures.direct + figures.relayed > 0
              ? t('swarm.glance.paths', { direct: figures.direct, relayed: figures.relayed })
              : ''}
          </dd>
        </div>
        <div>
          <dt>{t('swarm.glance.uploaded')}</dt>
          <dd className="num" data-testid="uploaded-bytes" data-bytes={Math.floor(uploadedBytes)}>
            {bytes(uploadedBytes)}
          </dd>
        </div>
        <div>
          {/* A seeder's ratio is copies of the file sent; a downloader's, uploaded ÷ downloaded. */}
          <dt>{figures.seeding ? t('swarm.glance.sentSoFar') : t('swarm.glance.shareRatio')}</dt>
          <dd className="num">{ratioText(figures, t, number)}</dd>
        </div>
        {downloading ? (
          <div>
            <dt>{t('swarm.glance.timeLeft')}</dt>
            <dd className="num">
              {figures.etaMs === null ? t('swarm.glance.unknownYet') : duration(figures.etaMs)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>
            {figures.complete && !figures.seeding
              ? t('swarm.glance.took')
              : t('swarm.glance.elapsed')}
          </dt>
          <dd className="num">{duration(figures.elapsedMs)}</dd>
        </div>
        <div>
          <dt>{t('swarm.glance.fastest')}</dt>
          <dd className="num">{duration(bound.boundMs)}</dd>
        </div>
      </dl>
      <details className="bound-details small">
        <summary>{t('swarm.bound.summary')}</summary>
        <p>
          <Trans i18nKey="swarm.bound.intro" components={{ formula: <code /> }} />
        </p>
        <ul className="num">
          <li>{t('swarm.bound.seed', { time: duration(bound.seedMs) })}</li>
          <li>{t('swarm.bound.download', { time: duration(bound.downloadMs) })}</li>
          <li>{t('swarm.bound.swarm', { time: duration(bound.swarmMs) })}</li>
        </ul>
      </details>
    </>
  )
}, sameProps)

/** "1.5 × the file" for a seeder (nothing yet while 0), "0.53" for a downloader, "—" unknown. */
function ratioText(
  figures: GlanceFigures,
  t: TFunction,
  number: (value: number, digits?: number) => string,
): string {
  const ratio = figures.shareRatio
  if (ratio === null) {
    return t('common.dash')
  }
  if (!figures.seeding) {
    return number(ratio, 2)
  }
  return ratio === 0
    ? t('swarm.glance.nothingYet')
    : t('swarm.glance.copies', { value: number(ratio, ratio < 1 ? 2 : 1) })
}

import { memo } from 'react'
import { shallow } from 'zustand/shallow'

import { formatBytes, formatDuration } from '../../components/format.ts'
import type { DistributionBound } from '../../store/swarm-figures.ts'
import type { TrackerStatusView } from '../../store/swarm-store.ts'
import { trackerStatusText } from '../../store/selectors.ts'

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

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`

/** Figures are recomputed per snapshot; only a changed number should cost a render. */
const sameProps = (a: SwarmGlanceProps, b: SwarmGlanceProps): boolean =>
  a.tracker === b.tracker &&
  a.uploadedBytes === b.uploadedBytes &&
  shallow({ ...a.figures, bound: null }, { ...b.figures, bound: null }) &&
  shallow(a.figures.bound, b.figures.bound)

/** Tracker-reported swarm size, share ratio, ETA and the distribution-time bound vs elapsed. */
export const SwarmGlance = memo(function SwarmGlance({
  figures,
  tracker,
  uploadedBytes,
}: SwarmGlanceProps) {
  const { seeders, leechers, bound } = figures
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
          <dt>Tracker</dt>
          <dd className={`tracker tracker-${tracker}`}>{trackerStatusText(tracker)}</dd>
        </div>
        <div>
          <dt>Swarm size</dt>
          <dd className="num">
            {seeders === null || leechers === null
              ? '—'
              : `${plural(seeders, 'seeder', 'seeders')}, ${plural(leechers, 'leecher', 'leechers')}`}
          </dd>
        </div>
        <div>
          <dt>Neighbours</dt>
          <dd className="num" data-testid="neighbour-paths">
            {figures.neighbours}
            {figures.direct + figures.relayed > 0
              ? ` (${figures.direct} direct, ${figures.relayed} relayed)`
              : ''}
          </dd>
        </div>
        <div>
          <dt>Uploaded by this tab</dt>
          <dd className="num" data-testid="uploaded-bytes" data-bytes={Math.floor(uploadedBytes)}>
            {formatBytes(uploadedBytes)}
          </dd>
        </div>
        <div>
          <dt>Share ratio</dt>
          <dd className="num">
            {figures.shareRatio === null ? '—' : figures.shareRatio.toFixed(2)}
            {figures.seeding ? ' copies' : ''}
          </dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd className="num">{figures.complete ? 'done' : formatDuration(figures.etaMs)}</dd>
        </div>
        <div>
          <dt>{figures.complete && !figures.seeding ? 'Took' : 'Elapsed'}</dt>
          <dd className="num">{formatDuration(figures.elapsedMs)}</dd>
        </div>
        <div>
          <dt>Fastest possible</dt>
          <dd className="num">{formatDuration(bound.boundMs)}</dd>
        </div>
      </dl>
      <details className="bound-details small">
        <summary>How “fastest possible” is worked out</summary>
        <p>
          The least time to get the file to every downloader is{' '}
          <code>max(F/u_s, F/d_min, N·F/(u_s + Σu_i))</code>, from the peak rates this tab measured
          (see README, “Watching the swarm”).
        </p>
        <ul className="num">
          <li>F / u_s (seeder upload): {formatDuration(bound.seedMs)}</li>
          <li>F / d_min (slowest download): {formatDuration(bound.downloadMs)}</li>
          <li>N·F / (u_s + Σu_i) (whole swarm uploading): {formatDuration(bound.swarmMs)}</li>
        </ul>
      </details>
    </>
  )
}, sameProps)

import { formatBytes } from '../../components/format.ts'
import { neighbourCount, trackerStatusText } from '../../store/selectors.ts'
import type { SwarmView, TrackerStatusView } from '../../store/swarm-store.ts'

import { PeerTable } from './PeerTable.tsx'

/** Props of SwarmPanelView. */
export interface SwarmPanelViewProps {
  readonly swarm: SwarmView | undefined
  readonly tracker: TrackerStatusView
  /** This tab's upload over all its swarms, bytes. */
  readonly uploadedBytes: number
}

/** The live swarm panel, shared by the seeding and download views; renders props only. */
export function SwarmPanelView({ swarm, tracker, uploadedBytes }: SwarmPanelViewProps) {
  const size = swarm?.size ?? null
  return (
    <section className="card swarm-panel" aria-labelledby="swarm-panel-title">
      <h2 id="swarm-panel-title">Swarm</h2>
      <dl className="facts">
        <div>
          <dt>Tracker</dt>
          <dd className={`tracker tracker-${tracker}`}>{trackerStatusText(tracker)}</dd>
        </div>
        <div>
          <dt>Swarm size</dt>
          <dd className="num">
            {size === null
              ? '—'
              : `${size.seeders} ${size.seeders === 1 ? 'seeder' : 'seeders'}, ${size.leechers} ${
                  size.leechers === 1 ? 'leecher' : 'leechers'
                }`}
          </dd>
        </div>
        <div>
          <dt>Neighbours</dt>
          <dd className="num">{neighbourCount(swarm)}</dd>
        </div>
        <div>
          <dt>Uploaded by this tab</dt>
          <dd className="num" data-testid="uploaded-bytes" data-bytes={Math.floor(uploadedBytes)}>
            {formatBytes(uploadedBytes)}
          </dd>
        </div>
      </dl>
      <PeerTable peers={swarm?.peers ?? []} />
      {swarm?.lastError !== undefined && swarm.lastError !== null ? (
        <p className="muted">Last problem: {swarm.lastError}</p>
      ) : null}
    </section>
  )
}

import type { SwarmId } from '@swarmdrop/protocol'
import { useMemo } from 'react'

import { useSwarmStore } from '../../app-context.ts'
import { formatBytes, formatRate } from '../../components/format.ts'
import { neighbourCount, selectSwarm } from '../../store/selectors.ts'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { CopyButton } from './CopyButton.tsx'
import { shareUrl } from './share-url.ts'

/** Props of SeedingView. */
export interface SeedingViewProps {
  readonly swarmId: SwarmId
}

/** The seeder's page: what is shared, the link to send, and the live swarm. */
export function SeedingView({ swarmId }: SeedingViewProps) {
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const link = shareUrl(window.location, swarmId)
  return (
    <>
      <section className="card" aria-labelledby="seeding-title">
        <h1 id="seeding-title" className="file-name">
          {swarm?.file?.name ?? 'Your file'}
        </h1>
        <p className="muted num">{formatBytes(swarm?.file?.size ?? 0)}</p>
        <p role="status">Sharing. Keep this tab open while others download.</p>
        <p className="label" id="share-link-label">
          Send this link:
        </p>
        <div className="share-row">
          <code className="share-link" data-testid="share-link" aria-labelledby="share-link-label">
            {link}
          </code>
          <CopyButton text={link} />
        </div>
        <dl className="facts">
          <div>
            <dt>Upload speed</dt>
            <dd className="num">{formatRate(swarm?.upBps ?? 0)}</dd>
          </div>
          <div>
            <dt>Neighbours</dt>
            <dd className="num">{neighbourCount(swarm)}</dd>
          </div>
        </dl>
      </section>
      <SwarmPanel swarmId={swarmId} />
    </>
  )
}

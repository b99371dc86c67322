import type { SwarmId } from '@swarmdrop/protocol'
import { useMemo } from 'react'

import { useSwarmStore } from '../../app-context.ts'
import { FileList } from '../../components/FileList.tsx'
import { formatBytes, formatRate } from '../../components/format.ts'
import { neighbourCount, selectSwarm } from '../../store/selectors.ts'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'
import { UploadLimitControl } from '../settings/UploadLimitControl.tsx'
import { InterceptionWarning } from '../download/InterceptionWarning.tsx'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { CopyButton } from './CopyButton.tsx'
import { NativeShareButton } from './NativeShareButton.tsx'
import { ShareQrCode } from './ShareQrCode.tsx'
import { shareUrl } from './share-url.ts'

/** Props of SeedingView. */
export interface SeedingViewProps {
  readonly swarmId: SwarmId
  /** The share asks for a password (SPEC PL-5): its link is a `#2p.` one. */
  readonly passwordRequired?: boolean
  /** Shares the same files again under a fresh salt, so a new, unrelated link (SPEC MD-10). */
  readonly onNewLink?: () => void
}

/** The seeder's page: what is shared, the link to send (copy, share sheet, QR), the live swarm. */
export function SeedingView({ swarmId, passwordRequired = false, onNewLink }: SeedingViewProps) {
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const link = shareUrl(window.location, { swarmId, passwordRequired })
  const name = swarm?.file?.name ?? 'Your file'
  return (
    <>
      <InterceptionWarning proofFailures={swarm?.refused.proofFailed ?? 0} />
      <section className="card seeding" aria-labelledby="seeding-title">
        <div className="seeding-main">
          <h1 id="seeding-title" className="file-name">
            {name}
          </h1>
          <p className="muted num">{formatBytes(swarm?.file?.size ?? 0)}</p>
          <p role="status">Sharing. Keep this tab open while others download.</p>
          <p className="label" id="share-link-label">
            Send this link:
          </p>
          <div className="share-row">
            <code
              className="share-link"
              data-testid="share-link"
              aria-labelledby="share-link-label"
            >
              {link}
            </code>
            <CopyButton text={link} />
            <NativeShareButton link={link} title={name} />
            {onNewLink === undefined ? null : (
              <button type="button" data-testid="new-link-button" onClick={onNewLink}>
                New link
              </button>
            )}
          </div>
          {passwordRequired ? (
            <p className="muted">Downloaders also need the password you set.</p>
          ) : null}
          {swarm?.file?.files === undefined ? null : <FileList files={swarm.file.files} />}
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
          <UploadLimitControl />
          <RelayOnlyControl />
        </div>
        <ShareQrCode link={link} />
      </section>
      <SwarmPanel swarmId={swarmId} />
    </>
  )
}

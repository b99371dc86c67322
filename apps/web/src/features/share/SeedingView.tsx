import type { SwarmId } from '@swarmdrop/protocol'
import { useMemo, useState } from 'react'

import { useCommands, useSwarmStore } from '../../app-context.ts'
import { FileList } from '../../components/FileList.tsx'
import { formatBytes, formatRate } from '../../components/format.ts'
import { neighbourCount, selectSwarm, selectTracker } from '../../store/selectors.ts'
import { seedStatusParts, statusText } from '../../store/status-line.ts'
import { useT } from '../../use-t.ts'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'
import { InterceptionWarning } from '../download/InterceptionWarning.tsx'
import { UploadLimitControl } from '../settings/UploadLimitControl.tsx'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { CopyButton } from './CopyButton.tsx'
import { NativeShareButton } from './NativeShareButton.tsx'
import { ShareQrCode } from './ShareQrCode.tsx'
import { shareUrl } from './share-url.ts'

/** Props of SeedingView. */
export interface SeedingViewProps {
  readonly swarmId: SwarmId
}

/**
 * The seeder's page: what is shared, one honest status line, the link to send (copy, share
 * sheet, QR), Stop sharing and Share another file (SPEC UX-1, UX-4), the live swarm.
 */
export function SeedingView({ swarmId }: SeedingViewProps) {
  const t = useT()
  const commands = useCommands()
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const tracker = useSwarmStore(selectTracker)
  const [confirming, setConfirming] = useState(false)
  const passwordRequired = swarm?.passwordRequired ?? false
  const link = shareUrl(window.location, { swarmId, passwordRequired })
  const name = swarm?.file?.name ?? t('share.yourFile')
  const connected = neighbourCount(swarm)
  const stop = (): void => {
    // Stopping cuts off people mid-download: ask first, in the page (SPEC UX-4).
    if (connected > 0 && !confirming) {
      setConfirming(true)
      return
    }
    void commands.stop(swarmId)
  }
  return (
    <>
      <InterceptionWarning proofFailures={swarm?.refused.proofFailed ?? 0} />
      <section className="card seeding" aria-labelledby="seeding-title">
        <div className="seeding-main">
          <h1 id="seeding-title" className="file-name" tabIndex={-1}>
            {name}
          </h1>
          <p className="muted num">{formatBytes(swarm?.file?.size ?? 0)}</p>
          <p className="status" role="status" data-testid="seed-status">
            {statusText(seedStatusParts(swarm, tracker), t)}
          </p>
          <p className="label" id="share-link-label">
            {t('share.sendLink')}
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
            <button
              type="button"
              data-testid="new-link-button"
              onClick={() => void commands.newLink(swarmId)}
            >
              {t('share.newLink')}
            </button>
          </div>
          {passwordRequired ? <p className="muted">{t('share.password.note')}</p> : null}
          {swarm?.file?.files === undefined ? null : <FileList files={swarm.file.files} />}
          <dl className="facts">
            <div>
              <dt>{t('share.uploadSpeed')}</dt>
              <dd className="num">{formatRate(swarm?.upBps ?? 0)}</dd>
            </div>
            <div>
              <dt>{t('share.connected')}</dt>
              <dd className="num">{connected}</dd>
            </div>
          </dl>
          <div className="share-row">
            <button
              type="button"
              className="button"
              data-testid="share-another"
              onClick={() => commands.view(null)}
            >
              {t('share.shareAnother')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="stop-sharing"
              onClick={stop}
              aria-describedby={confirming ? 'stop-confirm' : undefined}
            >
              {confirming ? t('share.stopAnyway') : t('share.stop')}
            </button>
            {confirming ? (
              <button
                type="button"
                className="button"
                data-testid="keep-sharing"
                onClick={() => setConfirming(false)}
              >
                {t('share.keepSharing')}
              </button>
            ) : null}
          </div>
          {confirming ? (
            <p id="stop-confirm" role="alert" data-testid="stop-confirm">
              {t('share.stopConfirm', { count: connected })}
            </p>
          ) : null}
          <UploadLimitControl />
          <RelayOnlyControl />
        </div>
        <ShareQrCode link={link} />
      </section>
      <SwarmPanel swarmId={swarmId} />
    </>
  )
}

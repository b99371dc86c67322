import type { SwarmId } from '@swarmdrop/protocol'
import { useEffect, useMemo, useState } from 'react'

import { useCommands, useSwarmStore } from '../../app-context.ts'
import { messageOf } from '../../commands/swarm-commands.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectRelayAvailable, selectSwarm, selectTracker } from '../../store/selectors.ts'
import type { SwarmState } from '../../store/swarm-store.ts'
import { useT } from '../../use-t.ts'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'
import { UploadLimitControl } from '../settings/UploadLimitControl.tsx'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { DownloadPanel } from './DownloadPanel.tsx'
import { NotifyWhenDone } from './NotifyWhenDone.tsx'

/** Props of DownloadPage. */
export interface DownloadPageProps {
  readonly swarmId: SwarmId
}

/** Opening a share link: joins the swarm once and shows its progress and neighbours. */
export function DownloadPage({ swarmId }: DownloadPageProps) {
  const commands = useCommands()
  const t = useT()
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const tracker = useSwarmStore(selectTracker)
  const relayAvailable = useSwarmStore(selectRelayAvailable)
  const stopped = useSwarmStore(
    useMemo(() => (state: SwarmState) => state.stopped[swarmId] ?? null, [swarmId]),
  )
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)

  // The command layer joins once (StrictMode runs this twice). No cleanup: a downloader keeps
  // seeding until the tab closes (SPEC EN-4).
  useEffect(() => commands.open(swarmId), [commands, swarmId])

  const saveWith = (fileIndex?: number): void => {
    setSaving(true)
    setSaveError(null)
    commands
      .save(swarmId, fileIndex)
      .catch((error: unknown) =>
        setSaveError(t('download.saveFailed', { reason: messageOf(error) })),
      )
      .finally(() => setSaving(false))
  }

  return (
    <>
      <InsecureOriginNotice />
      <DownloadPanel
        swarm={swarm}
        tracker={tracker}
        relayAvailable={relayAvailable === true}
        saving={saving}
        saveError={saveError}
        stopped={stopped}
        onSave={() => saveWith()}
        onSaveFile={(index) => saveWith(index)}
        t={t}
        notify={<NotifyWhenDone />}
        settings={
          <>
            <UploadLimitControl />
            <RelayOnlyControl />
          </>
        }
      />
      <SwarmPanel swarmId={swarmId} />
    </>
  )
}

import type { Engine } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import { useEffect, useMemo, useRef, useState } from 'react'

import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectRelayAvailable, selectSwarm, selectTracker } from '../../store/selectors.ts'
import { withSwarm } from '../../store/swarm-store.ts'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'
import { UploadLimitControl } from '../settings/UploadLimitControl.tsx'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { DownloadPanel } from './DownloadPanel.tsx'
import { saveSwarmFile } from './save-file.ts'
import { saveSwarmFileAt, saveSwarmZip } from './save-files.ts'
import { startDownload } from './start-download.ts'

/** Props of DownloadPage. */
export interface DownloadPageProps {
  readonly swarmId: SwarmId
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.'

/** Opening a share link: joins the swarm once and shows its progress and neighbours. */
export function DownloadPage({ swarmId }: DownloadPageProps) {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const tracker = useSwarmStore(selectTracker)
  const relayAvailable = useSwarmStore(selectRelayAvailable)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [stopped, setStopped] = useState<string | null>(null)
  // Starting is asynchronous (resume reads the disk first), so engine.torrent() alone cannot
  // tell StrictMode's second run of the effect that the first one is under way.
  const starting = useRef(false)

  useEffect(() => {
    if (starting.current) {
      return
    }
    starting.current = true
    const fail = (error: unknown): void =>
      store.setState((state) =>
        withSwarm(state, swarmId, (s) => ({ ...s, lastError: messageOf(error) })),
      )
    try {
      const { engine, hasher } = host.services()
      // Also true when this tab seeds the swarm itself.
      if (engine.torrent(swarmId) === undefined) {
        startDownload(engine, hasher, swarmId, setStopped).catch(fail)
      }
    } catch (error) {
      fail(error)
    }
    // No cleanup: a downloader keeps seeding until the tab closes (SPEC EN-4).
  }, [host, store, swarmId])

  const saveWith = (saving: (engine: Engine) => Promise<void>): void => {
    setSaving(true)
    setSaveError(null)
    saving(host.services().engine)
      .catch((error: unknown) => setSaveError(`Could not save the file: ${messageOf(error)}`))
      .finally(() => setSaving(false))
  }
  const save = (): void =>
    saveWith((engine) =>
      swarm?.file?.files === undefined
        ? saveSwarmFile(engine, swarmId)
        : saveSwarmZip(engine, swarmId),
    )
  const saveFile = (index: number): void =>
    saveWith((engine) => saveSwarmFileAt(engine, swarmId, index))

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
        onSave={save}
        onSaveFile={saveFile}
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

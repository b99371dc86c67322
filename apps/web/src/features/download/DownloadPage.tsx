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
import { InterceptionWarning } from './InterceptionWarning.tsx'
import { PasswordPrompt } from './PasswordPrompt.tsx'
import { saveSwarmFile } from './save-file.ts'
import { saveSwarmFileAt, saveSwarmZip } from './save-files.ts'
import { startDownload } from './start-download.ts'

/** Props of DownloadPage. */
export interface DownloadPageProps {
  readonly swarmId: SwarmId
  /** The link is a `#2p.` one (SPEC PL-5): ask for the password before contacting anyone. */
  readonly passwordRequired?: boolean
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.'

/** Opening a share link: joins the swarm once and shows its progress and neighbours. */
export function DownloadPage({ swarmId, passwordRequired = false }: DownloadPageProps) {
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
  // SPEC PL-5: null until the user typed the password a `#2p.` link needs.
  const [password, setPassword] = useState<string | null>(passwordRequired ? null : '')
  // Wrong-password refusals seen before the current attempt: only newer ones mean "wrong".
  const [wrongBefore, setWrongBefore] = useState(0)
  const wrongPasswords = swarm?.refused.wrongPassword ?? 0
  const passwordWrong =
    passwordRequired && (swarm?.file ?? null) === null && wrongPasswords > wrongBefore

  useEffect(() => {
    if (starting.current || password === null) {
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
        const options = password === '' ? {} : { password }
        startDownload(engine, hasher, swarmId, setStopped, options).catch(fail)
      }
    } catch (error) {
      fail(error)
    }
    // No cleanup: a downloader keeps seeding until the tab closes (SPEC EN-4).
  }, [host, store, swarmId, password])

  const tryPassword = (next: string): void => {
    setWrongBefore(wrongPasswords)
    // A retry joins afresh: the torrent that held the wrong password shunned nobody for good.
    void host
      .services()
      .engine.remove(swarmId)
      .then(() => {
        starting.current = false
        setPassword(next)
      })
  }

  if (passwordRequired && (password === null || passwordWrong)) {
    return (
      <>
        <InsecureOriginNotice />
        <PasswordPrompt wrong={passwordWrong} checking={false} onSubmit={tryPassword} />
      </>
    )
  }

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
      <InterceptionWarning proofFailures={swarm?.refused.proofFailed ?? 0} />
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

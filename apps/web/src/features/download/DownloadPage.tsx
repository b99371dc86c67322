import type { SwarmId } from '@swarmdrop/protocol'
import { useEffect, useMemo, useState } from 'react'

import { useCommands, useSwarmStore } from '../../app-context.ts'
import { messageOf } from '../../commands/swarm-commands.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectRelayAvailable, selectSwarm, selectTracker } from '../../store/selectors.ts'
import type { FileInfo, SwarmState } from '../../store/swarm-store.ts'
import { useT } from '../../use-t.ts'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'
import { UploadLimitControl } from '../settings/UploadLimitControl.tsx'
import { MediaPreview } from '../stream/MediaPreview.tsx'
import { SwarmPanel } from '../swarm/SwarmPanel.tsx'

import { DownloadPanel } from './DownloadPanel.tsx'
import { InterceptionWarning } from './InterceptionWarning.tsx'
import { NotifyWhenDone } from './NotifyWhenDone.tsx'
import { PasswordPrompt } from './PasswordPrompt.tsx'

/** Props of DownloadPage. */
export interface DownloadPageProps {
  readonly swarmId: SwarmId
  /** The link is a `#2p.` one (SPEC PL-5): ask for the password before contacting anyone. */
  readonly passwordRequired?: boolean
}

/** Opening a share link: joins the swarm once and shows its progress and neighbours. */
export function DownloadPage({ swarmId, passwordRequired = false }: DownloadPageProps) {
  const commands = useCommands()
  const t = useT()
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const tracker = useSwarmStore(selectTracker)
  const relayAvailable = useSwarmStore(selectRelayAvailable)
  const stopped = useSwarmStore(
    useMemo(() => (state: SwarmState) => state.stopped[swarmId] ?? null, [swarmId]),
  )
  // The file last seen: once the swarm has left the tab (its row gone), the player's place says
  // why instead of vanishing.
  const [lastFile, setLastFile] = useState<FileInfo | null>(null)
  if (swarm?.file !== undefined && swarm.file !== null && swarm.file !== lastFile) {
    setLastFile(swarm.file)
  }
  const left = swarm === undefined ? stopped : null
  const previewed = swarm?.file ?? (left === null ? null : lastFile)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)

  // SPEC PL-5: null until the user typed the password a `#2p.` link needs.
  const [password, setPassword] = useState<string | null>(passwordRequired ? null : '')
  // Each attempt joins afresh, so its swarm row counts only this password's refusals. A link
  // without the `p` (a library entry, a hand-edited link) still gets the prompt once refused.
  const passwordWrong = (swarm?.file ?? null) === null && (swarm?.refused.wrongPassword ?? 0) > 0

  // The command layer joins once (StrictMode runs this twice). No cleanup: a downloader keeps
  // seeding until the tab closes (SPEC EN-4).
  useEffect(() => {
    if (password !== null) {
      commands.open(swarmId, password)
    }
  }, [commands, swarmId, password])

  const tryPassword = (next: string): void => {
    // A retry joins afresh: the swarm that held the wrong password is left first (its row goes).
    void commands.stop(swarmId).then(() => setPassword(next))
  }

  if (password === null || passwordWrong) {
    return (
      <>
        <InsecureOriginNotice />
        <PasswordPrompt wrong={passwordWrong} checking={false} onSubmit={tryPassword} />
      </>
    )
  }

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
      <InterceptionWarning proofFailures={swarm?.refused.proofFailed ?? 0} />
      <DownloadPanel
        swarm={swarm}
        tracker={tracker}
        relayAvailable={relayAvailable === true}
        saving={saving}
        saveError={saveError}
        stopped={stopped}
        lastFile={lastFile}
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
      {previewed === null ? null : (
        <MediaPreview
          swarmId={swarmId}
          file={previewed}
          unavailable={swarm?.pieceMap?.unavailable ?? 0}
          stopped={left}
        />
      )}
      <SwarmPanel swarmId={swarmId} />
    </>
  )
}

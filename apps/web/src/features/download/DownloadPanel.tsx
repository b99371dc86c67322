import type { ReactNode } from 'react'

import { FileList } from '../../components/FileList.tsx'
import { formatBytes, formatRate } from '../../components/format.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import { neighbourCount, progressPercent } from '../../store/selectors.ts'
import { downloadStatus } from '../../store/status-line.ts'
import type { SwarmView, TrackerStatusView } from '../../store/swarm-store.ts'

/** Props of DownloadPanel. */
export interface DownloadPanelProps {
  readonly swarm: SwarmView | undefined
  readonly tracker: TrackerStatusView
  /** Whether the tracker offers a relay: decides how the status explains a failed connection. */
  readonly relayAvailable?: boolean
  readonly saving: boolean
  readonly saveError: string | null
  /** Why the download stopped for good (no room, a disk write failed); null while it runs. */
  readonly stopped?: string | null
  /** Saves the file, or for a folder or several files all of them as one zip. */
  readonly onSave: () => void
  /** Saves one file of a folder or several files. */
  readonly onSaveFile?: (index: number) => void
  /** Settings shown under the figures (the upload cap); none in tests of the panel alone. */
  readonly settings?: ReactNode
}

/** The download view's summary: file, status, progress, rates, Save; renders props only. */
export function DownloadPanel({
  swarm,
  tracker,
  relayAvailable = false,
  saving,
  saveError,
  stopped = null,
  onSave,
  onSaveFile,
  settings,
}: DownloadPanelProps) {
  const file = swarm?.file ?? null
  const complete = swarm?.complete === true && file !== null
  const files = file?.files
  return (
    <section className="card" aria-labelledby="download-title">
      <h1 id="download-title" className="file-name">
        {file === null ? 'Joining the swarm…' : file.name}
      </h1>
      <p className="muted num">
        {file === null ? 'File details arrive from the first peer.' : formatBytes(file.size)}
      </p>
      <p className="status" data-testid="status" role="status">
        {downloadStatus(swarm, tracker, relayAvailable)}
      </p>
      <ProgressBar percent={progressPercent(swarm)} label="Download progress" testId="progress" />
      {stopped === null ? null : (
        <p className="error" role="alert" data-testid="download-error">
          {stopped}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Download speed</dt>
          <dd className="num">{formatRate(swarm?.downBps ?? 0)}</dd>
        </div>
        <div>
          <dt>Upload speed</dt>
          <dd className="num">{formatRate(swarm?.upBps ?? 0)}</dd>
        </div>
        <div>
          <dt>Neighbours</dt>
          <dd className="num">{neighbourCount(swarm)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd className="num">{formatBytes(swarm?.downloadedBytes ?? 0)}</dd>
        </div>
      </dl>
      {settings}
      {files === undefined ? null : (
        <FileList
          files={files}
          disabled={saving}
          {...(complete && onSaveFile !== undefined ? { onSave: onSaveFile } : {})}
        />
      )}
      {complete ? (
        <p>
          <button
            type="button"
            className="button primary"
            data-testid="save-button"
            onClick={onSave}
            disabled={saving}
          >
            {saving
              ? 'Preparing…'
              : files === undefined
                ? `Save ${file.name}`
                : `Save all as ${file.name}.zip`}
          </button>
        </p>
      ) : null}
      {saveError === null ? null : (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
    </section>
  )
}
